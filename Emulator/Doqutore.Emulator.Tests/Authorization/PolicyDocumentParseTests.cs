using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

public class PolicyDocumentParseTests
{
    private const string AllowAll = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""";

    private static MalformedPolicyDocumentException Rejects(string json, PolicyDocumentKind kind = PolicyDocumentKind.Identity) =>
        Assert.Throws<MalformedPolicyDocumentException>(() => PolicyDocument.Parse(json, kind));

    [Fact]
    public void A_single_statement_object_is_accepted()
    {
        var document = PolicyDocument.Parse(AllowAll);

        var statement = Assert.Single(document.Statements);
        Assert.Equal(PolicyEffect.Allow, statement.Effect);
        Assert.Equal(["*"], statement.Actions);
        Assert.Equal("2012-10-17", document.Version);
    }

    [Fact]
    public void A_statement_array_keeps_every_statement_in_order()
    {
        var document = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"One","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"},
              {"Sid":"Two","Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:iam::*:user/x"],
               "Condition":{"StringEquals":{"aws:username":["a","b"]},"Bool":{"aws:SecureTransport":false}}}]}
            """);

        Assert.Equal(["One", "Two"], document.Statements.Select(s => s.Sid));
        Assert.True(document.Statements[1].ActionsNegated);
        Assert.True(document.Statements[1].ResourcesNegated);
        Assert.Equal(2, document.Statements[1].ConditionCount);
    }

    [Fact]
    public void A_missing_version_means_2008_10_17()
    {
        var document = PolicyDocument.Parse("""{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""");

        Assert.Equal("2008-10-17", document.Version);
    }

    [Fact]
    public void The_error_code_is_MalformedPolicyDocument_with_status_400()
    {
        var error = Rejects("{not json");

        Assert.Equal("MalformedPolicyDocument", error.Code);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Syntax errors in policy.", error.Message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":"x"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Extra":1}}""")]
    [InlineData("""{"Version":"2012-10-17","Statements":{"Effect":"Allow","Action":"*","Resource":"*"}}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":null}}}}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":"x"}}}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"},}""")]
    public void Structural_errors_are_syntax_errors(string json) =>
        Assert.Equal("Syntax errors in policy.", Rejects(json).Message);

    [Fact]
    public void An_unknown_version_fails_legacy_parsing() =>
        Assert.Equal("The policy failed legacy parsing", Rejects("""{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""").Message);

    [Fact]
    public void A_statement_without_effect_is_refused() =>
        Assert.Equal("Missing required field Effect", Rejects("""{"Version":"2012-10-17","Statement":{"Action":"*","Resource":"*"}}""").Message);

    [Fact]
    public void An_effect_other_than_allow_or_deny_is_refused() =>
        Assert.Equal("Invalid effect: allow", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"*","Resource":"*"}}""").Message);

    [Fact]
    public void A_statement_without_action_is_refused() =>
        Assert.Equal("Policy statement must contain actions.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}""").Message);

    [Fact]
    public void An_identity_statement_without_resource_is_refused() =>
        Assert.Equal("Policy statement must contain resources.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}""").Message);

    [Fact]
    public void An_action_without_vendor_is_refused() =>
        Assert.Equal("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}""").Message);

    [Fact]
    public void A_condition_key_without_vendor_is_refused() =>
        Assert.Equal("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"username":"a"}}}}""").Message);

    [Fact]
    public void An_unknown_condition_operator_is_refused() =>
        Assert.Equal("Invalid Condition type : StringEquels.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquels":{"aws:username":"a"}}}}""").Message);

    [Theory]
    [InlineData("NullIfExists")]
    [InlineData("stringequals")]
    [InlineData("ForSomeValues:StringEquals")]
    public void Operators_IAM_does_not_know_are_refused(string name) =>
        Assert.StartsWith("Invalid Condition type", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"OP":{"aws:username":"a"}}}}""".Replace("OP", name, StringComparison.Ordinal)).Message);

    [Fact]
    public void A_resource_that_is_not_an_arn_is_refused() =>
        Assert.Equal("Resource mybucket must be in ARN format or \"*\".", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"mybucket"}}""").Message);

    [Fact]
    public void A_principal_in_an_identity_policy_is_refused() =>
        Assert.Equal("Policy document should not specify a principal.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}""").Message);

    [Fact]
    public void A_not_principal_in_an_identity_policy_is_refused() =>
        Assert.Equal("Policy document should not specify a principal.", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}}""").Message);

    [Fact]
    public void A_trust_policy_without_principal_is_refused() =>
        Assert.Equal("Missing required field Principal", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}}""", PolicyDocumentKind.RoleTrust).Message);

    [Fact]
    public void A_trust_policy_with_a_resource_is_refused() =>
        Assert.Equal("Has prohibited field Resource", Rejects("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}}""", PolicyDocumentKind.RoleTrust).Message);

    [Fact]
    public void A_resource_policy_may_omit_the_resource()
    {
        var document = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sqs:SendMessage"}}""", PolicyDocumentKind.Resource);

        Assert.Null(document.Statements[0].ResourceEntries);
        Assert.True(document.Statements[0].Principal!.IsAnyone);
    }

    [Fact]
    public void Account_ids_are_normalised_to_root_arns()
    {
        var document = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:user/alice"]},"Action":"sts:AssumeRole"}}""", PolicyDocumentKind.RoleTrust);

        Assert.Equal(["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/alice"], document.Statements[0].Principal!.Aws.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"AWS":"alice"}""", "Invalid principal in policy: \"AWS\":\"alice\"")]
    [InlineData("""{"AWS":"arn:aws:iam::12345:user/alice"}""", "Invalid principal in policy: \"AWS\":\"arn:aws:iam::12345:user/alice\"")]
    [InlineData("\"arn:aws:iam::123456789012:root\"", "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:root\"")]
    [InlineData("""{"Everyone":"x"}""", "Invalid principal in policy: \"Everyone\":\"x\"")]
    public void Invalid_principals_are_refused(string principal, string message) =>
        Assert.Equal(message, Rejects($$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{{{principal}}},"Action":"sts:AssumeRole"}}""", PolicyDocumentKind.RoleTrust).Message);

    [Fact]
    public void A_principal_the_provider_does_not_know_is_refused()
    {
        var options = PolicyParseOptions.RoleTrust with { PrincipalExists = arn => arn.EndsWith("/alice", StringComparison.Ordinal) };
        const string Template = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/NAME"},"Action":"sts:AssumeRole"}}""";

        _ = PolicyDocument.Parse(Template.Replace("NAME", "alice", StringComparison.Ordinal), options);
        var error = Assert.Throws<MalformedPolicyDocumentException>(() => PolicyDocument.Parse(Template.Replace("NAME", "nobody", StringComparison.Ordinal), options));

        Assert.Equal("Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:user/nobody\"", error.Message);
    }

    [Fact]
    public void A_sid_with_punctuation_is_refused_in_identity_policies() =>
        Assert.StartsWith("Statement IDs (SID) must be alpha-numeric.", Rejects("""{"Version":"2012-10-17","Statement":{"Sid":"a-b","Effect":"Allow","Action":"*","Resource":"*"}}""").Message);

    [Fact]
    public void Duplicate_sids_are_refused() =>
        Assert.Equal("Statement IDs (SID) in a single policy must be unique.", Rejects("""{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"}]}""").Message);

    [Fact]
    public void Characters_outside_latin1_are_refused() =>
        Assert.Equal("Syntax errors in policy.", Rejects("""{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/☃"}}""").Message);

    [Fact]
    public void Latin1_characters_are_accepted() =>
        Assert.Single(PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/café"}}""").Statements);

    [Fact]
    public void Whitespace_is_not_counted_in_the_policy_size() =>
        Assert.Equal(16, PolicyDocument.CountNonWhitespaceCharacters("{ \"a\" :\t\"b c\" ,\r\n \"d\":1}"));

    [Fact]
    public void The_cache_returns_the_same_compiled_document_for_the_same_text()
    {
        var cache = new PolicyCache();

        Assert.Same(cache.Get(AllowAll), cache.Get(AllowAll));
        Assert.NotSame(cache.Get(AllowAll), cache.Get(AllowAll.Replace("\"*\"}}", "\"*\" }}", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_cache_does_not_keep_invalid_documents()
    {
        var cache = new PolicyCache();

        Assert.Throws<MalformedPolicyDocumentException>(() => cache.Get("{}"));
        Assert.Equal(0, cache.Count);
    }
}
