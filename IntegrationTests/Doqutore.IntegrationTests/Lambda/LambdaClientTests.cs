using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>The tutorial function deployed and invoked by clients nobody here wrote: Debian's AWS CLI and boto3.</summary>
public sealed class LambdaClientTests(LambdaFixture emulator) : IClassFixture<LambdaFixture>, IDisposable
{
    private static readonly Boto3Scenario Scenario = new($$$"""
        import io, zipfile
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for n, text in (("bootstrap", {{{Py(LambdaHarness.TutorialBootstrap)}}}), ("function.sh", {{{Py(LambdaHarness.EchoHandler)}}})):
                info = zipfile.ZipInfo(n); info.external_attr = 0o755 << 16; z.writestr(info, text)
        root = dict(endpoint_url=url, region_name="us-east-1", config=cfg)
        iam, lam = boto3.client("iam", **root), boto3.client("lambda", **root)
        role = iam.create_role(RoleName="b3-" + run, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
        created = lam.create_function(FunctionName="b3-" + run, Runtime="provided.al2023", Handler="function.handler", Role=role, Code={"ZipFile": buf.getvalue()})
        out["state"] = created["State"]
        lam.get_waiter("function_active_v2").wait(FunctionName="b3-" + run)
        r = lam.invoke(FunctionName="b3-" + run, Payload=b'{"from":"boto3"}')
        out["status"], out["payload"] = r["StatusCode"], r["Payload"].read().decode()
        out["missing"] = err(lam.get_function, FunctionName="nope-" + run)
        out["listed"] = any(f["FunctionName"] == "b3-" + run for f in lam.list_functions()["Functions"])
        """);

    private readonly AwsCli _cli = new(emulator);

    public void Dispose()
    {
    }

    [SkippableFact]
    public void The_AWS_CLI_deploys_a_zip_and_invokes_the_function()
    {
        ExternalTool.RequireAwsCli();
        var dir = Directory.CreateTempSubdirectory("lambda-cli").FullName;
        var zip = Path.Combine(dir, "function.zip");
        File.WriteAllBytes(zip, LambdaHarness.TutorialZip());
        var role = AwsCli.Unique("cli-role");
        var name = AwsCli.Unique("cli-fn");
        var roleArn = (string)_cli.Json("iam", "create-role", "--role-name", role, "--assume-role-policy-document", LambdaHarness.TrustLambda)["Role"]!["Arn"]!;

        var created = _cli.Json("lambda", "create-function", "--function-name", name, "--runtime", "provided.al2023", "--handler", "function.handler", "--role", roleArn, "--zip-file", "fileb://" + zip);
        var invoked = _cli.Json("lambda", "invoke", "--function-name", name, "--payload", """{"from":"cli"}""", "--cli-binary-format", "raw-in-base64-out", Path.Combine(dir, "out.json"));

        Assert.Equal(("provided.al2023", "Pending"), ((string?)created["Runtime"], (string?)created["State"]));
        Assert.Equal((200L, "$LATEST"), ((long?)invoked["StatusCode"], (string?)invoked["ExecutedVersion"]));
        Assert.Equal("Echoing request: '{\"from\":\"cli\"}'", File.ReadAllText(Path.Combine(dir, "out.json")));
        Assert.Contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:absent", _cli.Error("lambda", "get-function", "--function-name", "absent"), StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [SkippableFact]
    public void Boto3_deploys_waits_for_Active_and_invokes()
    {
        var outcome = Scenario.Outcome(emulator);

        Assert.Equal(("Pending", 200L, "Echoing request: '{\"from\":\"boto3\"}'"), ((string?)outcome["state"], (long?)outcome["status"], (string?)outcome["payload"]));
        Assert.Equal("ResourceNotFoundException", (string?)outcome["missing"]!["code"]);
        Assert.True((bool)outcome["listed"]!);
    }

    private static string Py(string text) => System.Text.Json.JsonSerializer.Serialize(text.Replace("\r\n", "\n", StringComparison.Ordinal));
}
