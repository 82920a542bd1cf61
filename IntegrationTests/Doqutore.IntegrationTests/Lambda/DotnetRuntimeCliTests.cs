using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>Our bootstrap deployed and invoked by Debian's AWS CLI, as an operator would from the published zip.</summary>
public sealed class DotnetRuntimeCliTests(DotnetRuntimeFixture emulator) : IClassFixture<DotnetRuntimeFixture>
{
    [SkippableFact]
    public void The_AWS_CLI_deploys_the_zip_and_invokes_it_sync_and_async()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var name = AwsCli.Unique("dotnet-cli");
        var output = Path.Combine(Path.GetTempPath(), name + ".json");
        try
        {
            var created = cli.Json(
                "lambda", "create-function", "--function-name", name, "--runtime", "provided.al2023", "--handler", "bootstrap",
                "--role", emulator.RoleArn, "--zip-file", "fileb://" + emulator.Sample.FunctionZip, "--timeout", "10");
            var sync = cli.Json("lambda", "invoke", "--function-name", name, "--cli-binary-format", "raw-in-base64-out", "--payload", """{"from":"cli"}""", output);
            var answer = JsonNode.Parse(File.ReadAllText(output))!;
            var failed = cli.Json("lambda", "invoke", "--function-name", name, "--cli-binary-format", "raw-in-base64-out", "--payload", """{"fail":"cli error"}""", output);
            var error = JsonNode.Parse(File.ReadAllText(output))!;
            var queued = cli.Json("lambda", "invoke", "--function-name", name, "--invocation-type", "Event", "--cli-binary-format", "raw-in-base64-out", "--payload", "{}", output);

            Assert.Equal("provided.al2023", (string?)created["Runtime"]);
            Assert.Equal((200L, "$LATEST"), ((long?)sync["StatusCode"], (string?)sync["ExecutedVersion"]));
            Assert.Equal("cli", (string?)answer["echo"]!["from"]);
            Assert.Equal("Unhandled", (string?)failed["FunctionError"]);
            Assert.Equal(("InvalidOperationException", "cli error"), ((string?)error["errorType"], (string?)error["errorMessage"]));
            Assert.Equal(202L, (long?)queued["StatusCode"]);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
