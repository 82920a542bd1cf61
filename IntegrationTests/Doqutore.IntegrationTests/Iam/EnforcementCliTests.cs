using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The must-show, with Debian's AWS CLI v2: IAM changes really contain an IAM user. Root creates
/// mallory with AdministratorAccess and a key; she works; AWSDenyAll refuses her with AWS's words, while
/// GetCallerIdentity still answers; her key set Inactive stops her at authentication.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class EnforcementCliTests(EmulatorFixture emulator)
{
    private const string AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess";
    private const string DenyAll = "arn:aws:iam::aws:policy/AWSDenyAll";

    private readonly AwsCli _root = new(emulator);

    private (string Name, AwsCli Cli, string KeyId) Mallory(params string[] policies)
    {
        var name = AwsCli.Unique("mallory");
        _root.Ok("iam", "create-user", "--user-name", name);
        foreach (var policy in policies)
        {
            _root.Ok("iam", "attach-user-policy", "--user-name", name, "--policy-arn", policy);
        }

        var key = _root.Json("iam", "create-access-key", "--user-name", name)["AccessKey"]!;
        return (name, _root.As((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!), (string)key["AccessKeyId"]!);
    }

    [SkippableFact]
    public void An_administrator_works()
    {
        ExternalTool.RequireAwsCli();
        var (name, mallory, _) = Mallory(AdministratorAccess);

        var identity = mallory.Json("sts", "get-caller-identity");
        var users = mallory.Json("iam", "list-users")["Users"]!.AsArray();

        Assert.Equal($"arn:aws:iam::000000000000:user/{name}", (string?)identity["Arn"]);
        Assert.Contains(users, u => (string?)u!["UserName"] == name);
    }

    [SkippableFact]
    public void AWSDenyAll_refuses_her_with_an_explicit_deny()
    {
        ExternalTool.RequireAwsCli();
        var (name, mallory, _) = Mallory(AdministratorAccess);
        _root.Ok("iam", "attach-user-policy", "--user-name", name, "--policy-arn", DenyAll);

        var error = mallory.Error("iam", "create-user", "--user-name", AwsCli.Unique("backdoor"));

        Assert.StartsWith(
            $"An error occurred (AccessDenied) when calling the CreateUser operation: User: arn:aws:iam::000000000000:user/{name} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::000000000000:user/backdoor-",
            error,
            StringComparison.Ordinal);
        Assert.EndsWith("with an explicit deny in an identity-based policy", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GetCallerIdentity_still_answers_under_AWSDenyAll()
    {
        ExternalTool.RequireAwsCli();
        var (name, mallory, _) = Mallory(DenyAll);

        var identity = mallory.Json("sts", "get-caller-identity");

        Assert.Equal($"arn:aws:iam::000000000000:user/{name}", (string?)identity["Arn"]);
    }

    [SkippableFact]
    public void Without_any_policy_she_is_refused_implicitly()
    {
        ExternalTool.RequireAwsCli();
        var (name, mallory, _) = Mallory();

        var error = mallory.Error("iam", "list-users");

        Assert.Equal(
            $"An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::000000000000:user/{name} is not authorized to perform: iam:ListUsers because no identity-based policy allows the iam:ListUsers action",
            error);
    }

    [SkippableFact]
    public void An_inactive_key_is_InvalidClientTokenId()
    {
        ExternalTool.RequireAwsCli();
        var (name, mallory, keyId) = Mallory(AdministratorAccess);
        _root.Ok("iam", "update-access-key", "--user-name", name, "--access-key-id", keyId, "--status", "Inactive");

        var error = mallory.Error("sts", "get-caller-identity");

        Assert.Equal("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.", error);
    }

    [SkippableFact]
    public void Key_use_is_recorded_as_last_used()
    {
        ExternalTool.RequireAwsCli();
        var (_, mallory, keyId) = Mallory(AdministratorAccess);
        mallory.Ok("iam", "list-users");

        var lastUsed = _root.Json("iam", "get-access-key-last-used", "--access-key-id", keyId)["AccessKeyLastUsed"]!;

        Assert.Equal("iam", (string?)lastUsed["ServiceName"]);
        Assert.Equal("us-east-1", (string?)lastUsed["Region"]);
    }
}
