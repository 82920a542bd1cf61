using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

public class RequestPrincipalTests
{
    [Fact]
    public void A_role_session_is_named_by_its_session_arn_and_keeps_the_role_arn()
    {
        var session = RequestPrincipal.RoleSession("111122223333", "deployer", "AROAEXAMPLE", "build-42", "/ci/");

        Assert.Equal("arn:aws:sts::111122223333:assumed-role/deployer/build-42", session.Arn);
        Assert.Equal("arn:aws:iam::111122223333:role/ci/deployer", session.RoleArn);
        Assert.Equal("AROAEXAMPLE:build-42", session.UserId);
        Assert.Equal("AssumedRole", session.PrincipalTypeValue);
    }

    [Fact]
    public void A_user_with_a_path_has_it_in_the_arn() =>
        Assert.Equal("arn:aws:iam::111122223333:user/eng/bob", RequestPrincipal.User("111122223333", "bob", "AIDAEXAMPLE", "/eng/").Arn);

    [Fact]
    public void The_root_user_is_of_type_Account() =>
        Assert.Equal("Account", RequestPrincipal.Root("111122223333").PrincipalTypeValue);

    [Fact]
    public void A_context_key_given_with_the_request_overrides_the_principal()
    {
        var request = new AuthorizationRequest(RequestPrincipal.User("111122223333", "alice", "AIDAEXAMPLE"), "s3:GetObject")
        {
            Context = new RequestContextKeys().Set("aws:username", "mallory"),
            IdentityPolicies = [PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":"mallory"}}}}""")],
        };

        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(request).Decision);
    }

    [Fact]
    public void The_shared_empty_context_cannot_be_changed() =>
        Assert.Throws<InvalidOperationException>(() => RequestContextKeys.Empty.Set("aws:SourceIp", "10.0.0.1"));

    [Fact]
    public void Invalidating_a_document_drops_it_from_the_cache()
    {
        var cache = new PolicyCache();
        const string Json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}""";
        var first = cache.Get(Json);

        cache.Invalidate(Json);

        Assert.NotSame(first, cache.Get(Json));
    }

    [Fact]
    public void A_full_cache_starts_over_instead_of_growing()
    {
        var cache = new PolicyCache(capacity: 2);

        for (var i = 0; i < 5; i++)
        {
            cache.Get("""{"Version":"2012-10-17","Statement":{"Sid":"SID","Effect":"Allow","Action":"*","Resource":"*"}}""".Replace("SID", $"S{i}", StringComparison.Ordinal));
        }

        Assert.True(cache.Count <= 2);
    }
}
