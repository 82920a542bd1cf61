using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The must-show flow with boto3: mallory works with AdministratorAccess, AWSDenyAll refuses her
/// (GetCallerIdentity still answers), an Inactive key stops her, a role session works and a TokenIssueTime
/// deny revokes the session issued before it only. One Python process records every step.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class EnforcementBoto3Tests(EmulatorFixture emulator)
{
    private const string Script = """
        import json, sys, time, datetime, boto3, botocore.exceptions
        from botocore.config import Config
        url, run = sys.argv[1], sys.argv[2]
        cfg = Config(retries={"max_attempts": 1})
        def client(service, **creds): return boto3.client(service, endpoint_url=url, config=cfg, **creds)
        def outcome(f, **kw):
            try:
                f(**kw)
                return {"code": None}
            except botocore.exceptions.ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
        iam, out = client("iam"), {}
        name = f"mallory-{run}"
        iam.create_user(UserName=name)
        iam.attach_user_policy(UserName=name, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
        key = iam.create_access_key(UserName=name)["AccessKey"]
        as_mallory = dict(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        out["admin"] = outcome(client("iam", **as_mallory).list_users)
        iam.attach_user_policy(UserName=name, PolicyArn="arn:aws:iam::aws:policy/AWSDenyAll")
        out["denied"] = outcome(client("iam", **as_mallory).list_users)
        out["identity"] = client("sts", **as_mallory).get_caller_identity()["Arn"]
        iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
        out["inactive"] = outcome(client("sts", **as_mallory).get_caller_identity)

        role = f"responder-{run}"
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"}, "Action": "sts:AssumeRole"}]}
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))
        iam.attach_role_policy(RoleName=role, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
        def session(n):
            c = client("sts").assume_role(RoleArn=f"arn:aws:iam::000000000000:role/{role}", RoleSessionName=n)["Credentials"]
            return dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        before = session("before")
        out["session"] = outcome(client("iam", **before).list_roles)
        time.sleep(1.1)
        cutoff = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        revoke = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"aws:TokenIssueTime": cutoff}}}]}
        iam.put_role_policy(RoleName=role, PolicyName="AWSRevokeOlderSessions", PolicyDocument=json.dumps(revoke))
        time.sleep(1.1)
        after = session("after")
        out["revoked"] = outcome(client("iam", **before).list_roles)
        out["fresh"] = outcome(client("iam", **after).list_roles)
        print(json.dumps(out))
        """;

    private static readonly Lazy<string> RunId = new(() => Guid.NewGuid().ToString("N")[..10]);

    private JsonNode Outcomes()
    {
        ExternalTool.RequireBoto3();
        var result = ExternalTool.Run(ExternalTool.Python, ["-c", Script, emulator.Url, RunId.Value], TimeSpan.FromSeconds(120), ExternalTool.AwsEnvironment(emulator));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode.Parse(result.Stdout)!;
    }

    [SkippableFact]
    public void The_must_show_flow_holds_for_boto3()
    {
        var outcomes = Outcomes();
        var mallory = $"arn:aws:iam::000000000000:user/mallory-{RunId.Value}";

        Assert.Null((string?)outcomes["admin"]!["code"]);
        Assert.Equal("AccessDenied", (string?)outcomes["denied"]!["code"]);
        Assert.Equal(
            $"User: {mallory} is not authorized to perform: iam:ListUsers with an explicit deny in an identity-based policy",
            (string?)outcomes["denied"]!["message"]);
        Assert.Equal(mallory, (string?)outcomes["identity"]);
        Assert.Equal("InvalidClientTokenId", (string?)outcomes["inactive"]!["code"]);
        Assert.Null((string?)outcomes["session"]!["code"]);
        Assert.Equal("AccessDenied", (string?)outcomes["revoked"]!["code"]);
        Assert.Null((string?)outcomes["fresh"]!["code"]);
    }
}
