using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Client.Facades;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>
/// Our runtime client as AWS runs it: the Echo sample published as a single-file bootstrap, deployed by zip through
/// the Lambda facade, spawned by the emulator and fed by its Runtime API.
/// </summary>
public sealed class DotnetRuntimeTests(DotnetRuntimeFixture emulator) : IClassFixture<DotnetRuntimeFixture>
{
    private static JsonNode Json(LambdaInvokeResult result) => JsonNode.Parse(result.PayloadText)!;

    [Fact]
    public async Task A_synchronous_invoke_answers_the_handler_result_with_the_invocation_context()
    {
        var name = await emulator.DeployEchoAsync("dotnet-sync");

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"hello":"world","n":[1,2]}"""));

        Assert.Equal((200, null), (result.StatusCode, result.FunctionError));
        var answer = Json(result);
        Assert.Equal("world", (string?)answer["echo"]!["hello"]);
        Assert.Equal(2, answer["echo"]!["n"]!.AsArray().Count);
        Assert.Equal(name, (string?)answer["functionName"]);
        Assert.Equal($"arn:aws:lambda:us-east-1:000000000000:function:{name}", (string?)answer["functionArn"]);
        Assert.Equal(("$LATEST", 256L, $"/aws/lambda/{name}"), ((string?)answer["functionVersion"], (long?)answer["memoryLimitInMB"], (string?)answer["logGroupName"]));
        Assert.False(string.IsNullOrEmpty((string?)answer["requestId"]));
        Assert.False(string.IsNullOrEmpty((string?)answer["logStreamName"]));
        Assert.StartsWith("Root=1-", (string?)answer["traceId"], StringComparison.Ordinal);
        Assert.Equal("us-east-1", (string?)answer["region"]);
        Assert.True((bool?)answer["hasCredentials"]);
    }

    [Fact]
    public async Task A_warm_environment_serves_the_next_invocation_with_a_new_request_id()
    {
        var name = await emulator.DeployEchoAsync("dotnet-warm");
        var lambda = emulator.Lambda();

        var first = Json(await lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"i":1}""")));
        var second = Json(await lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"i":2}""")));

        Assert.Equal((1L, 2L), ((long?)first["echo"]!["i"], (long?)second["echo"]!["i"]));
        Assert.NotEqual((string?)first["requestId"], (string?)second["requestId"]);
        // The deadline is the hand-over plus the function timeout (10 s), cold or warm: init time is not part of it.
        Assert.InRange((long)first["remainingMs"]!, 1, 10_000);
        Assert.InRange((long)second["remainingMs"]!, 1, 10_000);
        Assert.Equal((string?)first["logStreamName"], (string?)second["logStreamName"]);
    }

    [Fact]
    public async Task A_throwing_handler_fails_the_invocation_as_Unhandled_with_its_error_document()
    {
        var name = await emulator.DeployEchoAsync("dotnet-throw");

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"fail":"no such patient"}"""));

        Assert.Equal((200, "Unhandled"), (result.StatusCode, result.FunctionError));
        var error = Json(result);
        Assert.Equal("InvalidOperationException", (string?)error["errorType"]);
        Assert.Equal("no such patient", (string?)error["errorMessage"]);
        Assert.Contains(error["stackTrace"]!.AsArray(), frame => ((string?)frame)!.Contains("EchoHandler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_environment_survives_a_failed_invocation()
    {
        var name = await emulator.DeployEchoAsync("dotnet-recover");
        var lambda = emulator.Lambda();

        var failed = await lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"fail":"once"}"""));
        var next = await lambda.InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"ok":true}"""));

        Assert.Equal("Unhandled", failed.FunctionError);
        Assert.Null(next.FunctionError);
        Assert.Equal(true, (bool?)Json(next)["echo"]!["ok"]);
    }

    [Fact]
    public async Task An_event_that_does_not_fit_the_handler_type_fails_with_JsonException()
    {
        var name = await emulator.DeployEchoAsync("dotnet-badevent");

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"sleepMs":"soon"}"""));

        Assert.Equal("Unhandled", result.FunctionError);
        Assert.Equal("JsonException", (string?)Json(result)["errorType"]);
    }

    [Fact]
    public async Task A_failing_init_is_reported_through_init_error()
    {
        var name = await emulator.DeployEchoAsync("dotnet-init", new Dictionary<string, string> { ["ECHO_FAIL_INIT"] = "missing table name" });

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, "{}"));

        Assert.Equal("Unhandled", result.FunctionError);
        var error = Json(result);
        Assert.Equal("InvalidOperationException", (string?)error["errorType"]);
        Assert.Equal("Init refused: missing table name", (string?)error["errorMessage"]);
    }

    [Fact]
    public async Task Log_lines_reach_CloudWatch_Logs_as_JSON_between_START_and_END()
    {
        var name = await emulator.DeployEchoAsync("dotnet-logs");
        var marker = "marker-" + Guid.NewGuid().ToString("N");

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, $$"""{"log":"{{marker}}"}""") with { TailLog = true });
        var requestId = (string?)Json(result)["requestId"];
        var messages = await emulator.LogMessagesAsync(name, m => m.Any(line => line.StartsWith("REPORT RequestId: " + requestId, StringComparison.Ordinal)));

        var line = Assert.Single(messages, m => m.Contains(marker, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("INFO", json.RootElement.GetProperty("level").GetString());
        Assert.Equal(requestId, json.RootElement.GetProperty("requestId").GetString());
        Assert.Equal(marker, json.RootElement.GetProperty("message").GetString());
        Assert.Equal(name, json.RootElement.GetProperty("function").GetString());
        var start = messages.ToList().FindIndex(m => m.StartsWith($"START RequestId: {requestId} Version: $LATEST", StringComparison.Ordinal));
        var end = messages.ToList().FindIndex(m => m == $"END RequestId: {requestId}");
        Assert.InRange(messages.ToList().IndexOf(line), start + 1, end - 1);
        Assert.Contains(marker, result.LogResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asynchronous_invoke_is_accepted_and_runs()
    {
        var name = await emulator.DeployEchoAsync("dotnet-async");
        var marker = "async-" + Guid.NewGuid().ToString("N");

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, $$"""{"log":"{{marker}}"}""") with { InvocationType = LambdaInvocationType.Event });
        var messages = await emulator.LogMessagesAsync(name, m => m.Any(line => line.Contains(marker, StringComparison.Ordinal)));

        Assert.Equal(202, result.StatusCode);
        Assert.True(result.Payload.IsEmpty);
        Assert.Contains(messages, line => line.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dry_run_answers_204_without_running_the_function()
    {
        var name = await emulator.DeployEchoAsync("dotnet-dryrun");

        var result = await emulator.Lambda().InvokeAsync(LambdaInvokeRequest.WithJson(name, """{"log":"should not run"}""") with { InvocationType = LambdaInvocationType.DryRun });

        Assert.Equal(204, result.StatusCode);
        var messages = await emulator.LogMessagesAsync(name, _ => false, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(messages, m => m.Contains("should not run", StringComparison.Ordinal));
    }
}
