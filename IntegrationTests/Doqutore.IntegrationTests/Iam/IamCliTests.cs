using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>IAM through Debian's AWS CLI v2, as the account root: the must-show flow up to authorization.</summary>
[Collection(EmulatorCollection.Name)]
public class IamCliTests(EmulatorFixture emulator)
{
    private const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";

    [SkippableFact]
    public void Root_creates_mallory_with_AdministratorAccess_and_an_access_key()
    {
        ExternalTool.RequireAwsCli();
        var mallory = Unique("mallory");

        var user = Json("iam", "create-user", "--user-name", mallory)["User"]!;
        Ok("iam", "attach-user-policy", "--user-name", mallory, "--policy-arn", AdministratorAccess);
        var key = Json("iam", "create-access-key", "--user-name", mallory)["AccessKey"]!;

        Assert.Equal($"arn:aws:iam::000000000000:user/{mallory}", (string?)user["Arn"]);
        Assert.Matches("^AIDA[A-Z2-7]{17}$", (string?)user["UserId"]);
        Assert.Matches("^AKIA[A-Z2-7]{16}$", (string?)key["AccessKeyId"]);
        Assert.Equal(40, ((string?)key["SecretAccessKey"])!.Length);
        Assert.Equal("Active", (string?)key["Status"]);
        var attached = Json("iam", "list-attached-user-policies", "--user-name", mallory)["AttachedPolicies"]!.AsArray();
        Assert.Equal(AdministratorAccess, (string?)Assert.Single(attached)!["PolicyArn"]);
        var listed = Json("iam", "list-users")["Users"]!.AsArray();
        Assert.Contains(listed, u => (string?)u!["UserName"] == mallory);
    }

    [SkippableFact]
    public void A_third_access_key_is_LimitExceeded_and_leaves_two()
    {
        ExternalTool.RequireAwsCli();
        var user = Unique("keys");
        Ok("iam", "create-user", "--user-name", user);
        Ok("iam", "create-access-key", "--user-name", user);
        Ok("iam", "create-access-key", "--user-name", user);

        var third = Aws("iam", "create-access-key", "--user-name", user);

        Assert.Equal(254, third.ExitCode);
        Assert.Contains("An error occurred (LimitExceeded) when calling the CreateAccessKey operation: Cannot exceed quota for AccessKeysPerUser: 2", third.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Json("iam", "list-access-keys", "--user-name", user)["AccessKeyMetadata"]!.AsArray().Count);
    }

    [SkippableFact]
    public void A_duplicate_user_name_in_any_case_is_EntityAlreadyExists()
    {
        ExternalTool.RequireAwsCli();
        var user = Unique("dup");
        Ok("iam", "create-user", "--user-name", user);

        var again = Aws("iam", "create-user", "--user-name", user.ToUpperInvariant());

        Assert.Equal(254, again.ExitCode);
        Assert.Contains($"An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name {user.ToUpperInvariant()} already exists.", again.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_malformed_policy_is_MalformedPolicyDocument_and_creates_nothing()
    {
        ExternalTool.RequireAwsCli();
        var policy = Unique("bad");

        var result = Aws("iam", "create-policy", "--policy-name", policy, "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}""");

        Assert.Equal(254, result.ExitCode);
        Assert.Contains("An error occurred (MalformedPolicyDocument) when calling the CreatePolicy operation: ", result.Stderr, StringComparison.Ordinal);
        var local = Json("iam", "list-policies", "--scope", "Local")["Policies"]!.AsArray();
        Assert.DoesNotContain(local, p => (string?)p!["PolicyName"] == policy);
    }

    [SkippableFact]
    public void DeleteUser_with_an_attached_policy_is_DeleteConflict_until_detached()
    {
        ExternalTool.RequireAwsCli();
        var user = Unique("conflict");
        Ok("iam", "create-user", "--user-name", user);
        Ok("iam", "attach-user-policy", "--user-name", user, "--policy-arn", "arn:aws:iam::aws:policy/AWSDenyAll");

        var refused = Aws("iam", "delete-user", "--user-name", user);
        Ok("iam", "detach-user-policy", "--user-name", user, "--policy-arn", "arn:aws:iam::aws:policy/AWSDenyAll");
        Ok("iam", "delete-user", "--user-name", user);

        Assert.Equal(254, refused.ExitCode);
        Assert.Contains("An error occurred (DeleteConflict) when calling the DeleteUser operation: Cannot delete entity, must detach all policies first.", refused.Stderr, StringComparison.Ordinal);
        var gone = Aws("iam", "get-user", "--user-name", user);
        Assert.Contains($"An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name {user} cannot be found.", gone.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_role_keeps_its_trust_policy_and_path()
    {
        ExternalTool.RequireAwsCli();
        var role = Unique("role");
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}""";

        Ok("iam", "create-role", "--role-name", role, "--path", "/incident/", "--assume-role-policy-document", trust);
        var got = Json("iam", "get-role", "--role-name", role)["Role"]!;

        Assert.Equal($"arn:aws:iam::000000000000:role/incident/{role}", (string?)got["Arn"]);
        Assert.Matches("^AROA[A-Z2-7]{17}$", (string?)got["RoleId"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(trust), got["AssumeRolePolicyDocument"]), got.ToJsonString());
    }

    [SkippableFact]
    public void A_trust_policy_with_a_Resource_is_MalformedPolicyDocument()
    {
        ExternalTool.RequireAwsCli();
        var role = Unique("role");

        var result = Aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}""");

        Assert.Equal(254, result.ExitCode);
        Assert.Contains("An error occurred (MalformedPolicyDocument) when calling the CreateRole operation: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("NoSuchEntity", Aws("iam", "get-role", "--role-name", role).Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ListPolicies_scope_AWS_pages_through_every_embedded_policy()
    {
        ExternalTool.RequireAwsCli();

        // The CLI follows Marker/IsTruncated by itself: 100 per page by default.
        var names = Json("iam", "list-policies", "--scope", "AWS", "--query", "Policies[].PolicyName")!.AsArray();

        Assert.Equal(ManagedPolicyPackage.Count, names.Count);
        Assert.Contains(names, n => (string?)n == "AWSCompromisedKeyQuarantineV2");
    }

    private readonly AwsCli _cli = new(emulator);

    private static string Unique(string prefix) => AwsCli.Unique(prefix);

    private void Ok(params string[] args) => _cli.Ok(args);

    private JsonNode Json(params string[] args) => _cli.Json(args);

    private ExternalTool.Result Aws(params string[] args) => _cli.Run(args);
}
