using System.Text.Json.Nodes;
using Doqutore.Aws.Client.Facades;
using Doqutore.Aws.Protocols;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>The Lambda facade's control-plane calls against the emulator, on the published Echo sample.</summary>
public sealed class DotnetRuntimeFacadeTests(DotnetRuntimeFixture emulator) : IClassFixture<DotnetRuntimeFixture>
{
    [Fact]
    public async Task CreateFunction_answers_the_configuration_GetFunction_and_ListFunctions_show()
    {
        var lambda = emulator.Lambda();
        var name = Infrastructure.AwsCli.Unique("dotnet-facade");

        var created = await lambda.CreateFunctionAsync(new LambdaCreateFunctionRequest(name, emulator.RoleArn, LambdaFunctionCode.FromZip(emulator.FunctionZip))
        {
            Description = "echo",
            Timeout = 7,
            MemorySize = 512,
            Environment = new Dictionary<string, string> { ["STAGE"] = "test" },
            Tags = new Dictionary<string, string> { ["app"] = "doqutore" },
        });
        var fetched = await lambda.GetFunctionAsync(name);
        var listed = await lambda.ListFunctionsAsync();

        Assert.Equal(($"arn:aws:lambda:us-east-1:000000000000:function:{name}", "provided.al2023", "bootstrap"), (created.FunctionArn, created.Runtime, created.Handler));
        Assert.Equal((7, 512, "test", emulator.RoleArn), (created.Timeout, created.MemorySize, created.Environment["STAGE"], created.Role));
        Assert.Equal(emulator.FunctionZip.LongLength, created.CodeSize);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(emulator.FunctionZip)), created.CodeSha256);
        Assert.Equal(created.FunctionArn, fetched.Configuration.FunctionArn);
        Assert.Equal("doqutore", fetched.Tags["app"]);
        Assert.Contains(listed, f => f.FunctionName == name);
    }

    [Fact]
    public async Task UpdateFunctionConfiguration_changes_what_the_next_environment_sees()
    {
        var lambda = emulator.Lambda();
        var name = await emulator.DeployEchoAsync("dotnet-update");

        var updated = await lambda.UpdateFunctionConfigurationAsync(new LambdaUpdateFunctionConfigurationRequest(name) { MemorySize = 1024, Description = "bigger" });
        await WaitUntilUpdatedAsync(lambda, name);
        var result = await lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, "{}"));

        Assert.Equal((1024, "bigger"), (updated.MemorySize, updated.Description));
        Assert.Equal(1024L, (long?)JsonNode.Parse(result.PayloadText)!["memoryLimitInMB"]);
    }

    [Fact]
    public async Task UpdateFunctionCode_replaces_the_package()
    {
        var lambda = emulator.Lambda();
        var name = await emulator.DeployEchoAsync("dotnet-code");

        var updated = await lambda.UpdateFunctionCodeAsync(name, LambdaFunctionCode.FromZip(emulator.FunctionZip));
        await WaitUntilUpdatedAsync(lambda, name);
        var result = await lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"again":1}"""));

        Assert.Equal(emulator.FunctionZip.LongLength, updated.CodeSize);
        Assert.Null(result.FunctionError);
    }

    [Fact]
    public async Task Permissions_are_added_read_and_removed()
    {
        var lambda = emulator.Lambda();
        var name = await emulator.DeployEchoAsync("dotnet-perm");

        var statement = await lambda.AddPermissionAsync(new LambdaPermissionRequest(name, "events-rule", "lambda:InvokeFunction", "events.amazonaws.com")
        {
            SourceArn = "arn:aws:events:us-east-1:000000000000:rule/incidents",
        });
        var policy = await lambda.GetPolicyAsync(name);
        await lambda.RemovePermissionAsync(name, "events-rule");
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.GetPolicyAsync(name));

        Assert.Equal("events-rule", (string?)JsonNode.Parse(statement)!["Sid"]);
        var sids = JsonNode.Parse(policy.Policy)!["Statement"]!.AsArray().Select(s => (string?)s!["Sid"]);
        Assert.Contains("events-rule", sids);
        Assert.Equal("ResourceNotFoundException", gone.Code);
    }

    [Fact]
    public async Task Reserved_concurrency_and_event_invoke_config_are_set()
    {
        var lambda = emulator.Lambda();
        var name = await emulator.DeployEchoAsync("dotnet-conc");

        var reserved = await lambda.PutFunctionConcurrencyAsync(name, 2);
        var config = await lambda.PutFunctionEventInvokeConfigAsync(new LambdaEventInvokeConfigRequest(name) { MaximumRetryAttempts = 0, MaximumEventAgeInSeconds = 60 });
        var fetched = await lambda.GetFunctionAsync(name);

        Assert.Equal(2, reserved);
        Assert.Equal(2, fetched.ReservedConcurrentExecutions);
        Assert.Equal((0, 60), (config.MaximumRetryAttempts, config.MaximumEventAgeInSeconds));
        Assert.StartsWith($"arn:aws:lambda:us-east-1:000000000000:function:{name}", config.FunctionArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_function_is_not_found()
    {
        var lambda = emulator.Lambda();
        var name = await emulator.DeployEchoAsync("dotnet-delete");

        await lambda.DeleteFunctionAsync(name);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, "{}")));

        Assert.Equal(("ResourceNotFoundException", 404), (error.Code, error.StatusCode));
        Assert.Equal($"Function not found: arn:aws:lambda:us-east-1:000000000000:function:{name}", error.Message);
    }

    private static async Task WaitUntilUpdatedAsync(ILambdaApi lambda, string name)
    {
        for (var i = 0; i < 100 && (await lambda.GetFunctionAsync(name)).Configuration.LastUpdateStatus == "InProgress"; i++)
        {
            await Task.Delay(100);
        }
    }
}
