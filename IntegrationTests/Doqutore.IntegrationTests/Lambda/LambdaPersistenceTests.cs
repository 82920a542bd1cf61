using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Durability;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>With a data directory, a function (configuration, code, policy, concurrency, tags) survives SIGKILL and a restart.</summary>
public sealed class LambdaPersistenceTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("doqutore-lambda-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task A_function_is_as_it_was_after_the_emulator_is_killed_and_restarted()
    {
        var zip = LambdaHarness.TutorialZip();
        JsonObject before;
        string policy;
        using (var first = await EmulatorProcess.StartAsync(_data))
        {
            using var iam = Client(first, "iam");
            using var lambda = Client(first, "lambda");
            var role = (string)(await iam.InvokeAsync("CreateRole", new JsonObject { ["RoleName"] = "durable", ["AssumeRolePolicyDocument"] = LambdaHarness.TrustLambda }))["Role"]!["Arn"]!;
            await lambda.InvokeAsync("CreateFunction", new JsonObject
            {
                ["FunctionName"] = "durable", ["Runtime"] = "provided.al2023", ["Handler"] = "function.handler", ["Role"] = role,
                ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) },
                ["Tags"] = new JsonObject { ["team"] = "responders" },
            });
            await lambda.InvokeAsync("AddPermission", new JsonObject
            {
                ["FunctionName"] = "durable", ["StatementId"] = "events", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "events.amazonaws.com",
            });
            await lambda.InvokeAsync("PutFunctionConcurrency", new JsonObject { ["FunctionName"] = "durable", ["ReservedConcurrentExecutions"] = 2 });
            before = await lambda.InvokeAsync("GetFunction", new JsonObject { ["FunctionName"] = "durable" });
            policy = (string)(await lambda.InvokeAsync("GetPolicy", new JsonObject { ["FunctionName"] = "durable" }))["Policy"]!;
            first.Kill();
        }

        using var second = await EmulatorProcess.StartAsync(_data);
        using var after = Client(second, "lambda");
        var function = await after.InvokeAsync("GetFunction", new JsonObject { ["FunctionName"] = "durable" });

        Assert.True(JsonNode.DeepEquals(before["Configuration"], function["Configuration"]), function["Configuration"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(before["Tags"], function["Tags"]));
        Assert.Equal(2, (long?)function["Concurrency"]!["ReservedConcurrentExecutions"]);
        Assert.Equal(policy, (string?)(await after.InvokeAsync("GetPolicy", new JsonObject { ["FunctionName"] = "durable" }))["Policy"]);
        using var http = new HttpClient();
        Assert.Equal(zip, await http.GetByteArrayAsync((string)function["Code"]!["Location"]!));
    }

    private static AwsClient Client(EmulatorProcess emulator, string service) => new(ServiceModels.Get(service), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });
}
