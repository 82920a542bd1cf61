using System.Globalization;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// Roles with Debian's AWS CLI v2: a trust policy decides who may assume the role, the session acts with the
/// role's policies, and an inline deny conditioned on <c>aws:TokenIssueTime</c> revokes the sessions issued
/// before it and not those issued after — the containment the responders use for role callers.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class AssumeRoleCliTests(EmulatorFixture emulator)
{
    private const string TrustAccount = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]}""";

    private readonly AwsCli _root = new(emulator);

    private string Role(string trust = TrustAccount, string policy = "arn:aws:iam::aws:policy/ReadOnlyAccess")
    {
        var role = AwsCli.Unique("responder");
        _root.Ok("iam", "create-role", "--role-name", role, "--assume-role-policy-document", trust);
        _root.Ok("iam", "attach-role-policy", "--role-name", role, "--policy-arn", policy);
        return role;
    }

    private AwsCli Assume(AwsCli caller, string role, string session)
    {
        var credentials = caller.Json("sts", "assume-role", "--role-arn", $"arn:aws:iam::000000000000:role/{role}", "--role-session-name", session)["Credentials"]!;
        Assert.StartsWith("ASIA", (string?)credentials["AccessKeyId"], StringComparison.Ordinal);
        return caller.As((string)credentials["AccessKeyId"]!, (string)credentials["SecretAccessKey"]!, (string)credentials["SessionToken"]!);
    }

    [SkippableFact]
    public void A_session_acts_as_the_role_with_the_roles_policies()
    {
        ExternalTool.RequireAwsCli();
        var role = Role();

        var session = Assume(_root, role, "incident-42");

        var identity = session.Json("sts", "get-caller-identity");
        Assert.Equal($"arn:aws:sts::000000000000:assumed-role/{role}/incident-42", (string?)identity["Arn"]);
        Assert.EndsWith(":incident-42", (string?)identity["UserId"], StringComparison.Ordinal);
        session.Ok("iam", "list-roles");
        var refused = session.Error("iam", "create-user", "--user-name", AwsCli.Unique("x"));
        Assert.Contains($"User: arn:aws:sts::000000000000:assumed-role/{role}/incident-42 is not authorized to perform: iam:CreateUser", refused, StringComparison.Ordinal);
        Assert.EndsWith("because no identity-based policy allows the iam:CreateUser action", refused, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_trust_policy_that_names_someone_else_refuses_the_caller()
    {
        ExternalTool.RequireAwsCli();
        var role = Role(trust: """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""");

        var error = _root.Error("sts", "assume-role", "--role-arn", $"arn:aws:iam::000000000000:role/{role}", "--role-session-name", "s1");

        Assert.Equal(
            $"An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role/{role} because no role trust policy allows the sts:AssumeRole action",
            error);
    }

    [SkippableFact]
    public void A_user_needs_her_own_permission_when_the_trust_names_only_the_account()
    {
        ExternalTool.RequireAwsCli();
        var role = Role();
        var user = AwsCli.Unique("analyst");
        _root.Ok("iam", "create-user", "--user-name", user);
        var key = _root.Json("iam", "create-access-key", "--user-name", user)["AccessKey"]!;
        var analyst = _root.As((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!);

        var refused = analyst.Error("sts", "assume-role", "--role-arn", $"arn:aws:iam::000000000000:role/{role}", "--role-session-name", "s1");
        _root.Ok("iam", "put-user-policy", "--user-name", user, "--policy-name", "assume", "--policy-document",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::000000000000:role/{{role}}"}]}""");
        var session = Assume(analyst, role, "s1");

        Assert.EndsWith("because no identity-based policy allows the sts:AssumeRole action", refused, StringComparison.Ordinal);
        session.Ok("iam", "list-roles");
    }

    [SkippableFact]
    public void A_deny_on_older_tokens_revokes_earlier_sessions_only()
    {
        ExternalTool.RequireAwsCli();
        var role = Role();
        var before = Assume(_root, role, "before");
        before.Ok("iam", "list-roles");

        // The "Revoke active sessions" policy of the IAM console: deny everything to tokens issued before now.
        Thread.Sleep(1100);
        var cutoff = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        _root.Ok("iam", "put-role-policy", "--role-name", role, "--policy-name", "AWSRevokeOlderSessions", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"CUTOFF"}}}]}""".Replace("CUTOFF", cutoff, StringComparison.Ordinal));
        Thread.Sleep(1100);
        var after = Assume(_root, role, "after");

        var refused = before.Error("iam", "list-roles");
        after.Ok("iam", "list-roles");
        Assert.EndsWith("with an explicit deny in an identity-based policy", refused, StringComparison.Ordinal);
        Assert.Contains($"assumed-role/{role}/before is not authorized to perform: iam:ListRoles", refused, StringComparison.Ordinal);
    }
}
