using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Tests.Host;

public sealed record Greeting([property: JsonPropertyName("name")] string Name);

public sealed record ContextView(
    [property: JsonPropertyName("greeting")] string Greeting,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("arn")] string Arn,
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("memory")] int Memory,
    [property: JsonPropertyName("logGroup")] string LogGroup,
    [property: JsonPropertyName("logStream")] string LogStream,
    [property: JsonPropertyName("deadline")] long DeadlineMs,
    [property: JsonPropertyName("remainingPositive")] bool RemainingPositive,
    [property: JsonPropertyName("trace")] string? Trace);

[JsonSerializable(typeof(Greeting))]
[JsonSerializable(typeof(ContextView))]
[JsonSerializable(typeof(string))]
internal sealed partial class HostTestJsonContext : JsonSerializerContext;

/// <summary>
/// The host's loop against the Runtime API contract over real HTTP (<see cref="RuntimeApiServer"/>). Serial: the
/// host sets the process-wide <c>_X_AMZN_TRACE_ID</c>.
/// </summary>
[Collection(nameof(LambdaHostTests))]
public sealed class LambdaHostTests : IAsyncLifetime
{
    private RuntimeApiServer _server = null!;
    private readonly StringWriter _output = new();
    private readonly CancellationTokenSource _shutdown = new();

    public async Task InitializeAsync() => _server = await RuntimeApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _server.DisposeAsync();
        _shutdown.Dispose();
    }

    private LambdaHostOptions Options(Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = _server.RuntimeApi,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "fn",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/fn",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/12/08/[$LATEST]abc",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return new LambdaHostOptions { Environment = k => environment.GetValueOrDefault(k), Output = _output, HandleSigterm = false };
    }

    private Task<int> Run(LambdaHandler<Greeting, ContextView> handler, LambdaHostOptions? options = null) =>
        Task.Run(() => LambdaHost.RunAsync(handler, HostTestJsonContext.Default.Greeting, HostTestJsonContext.Default.ContextView, options ?? Options(), _shutdown.Token));

    private static Task<ContextView> Describe(Greeting greeting, ILambdaContext context) => Task.FromResult(new ContextView(
        $"hello {greeting.Name}",
        context.AwsRequestId,
        context.InvokedFunctionArn,
        context.FunctionName,
        context.FunctionVersion,
        context.MemoryLimitInMB,
        context.LogGroupName,
        context.LogStreamName,
        context.Deadline.ToUnixTimeMilliseconds(),
        context.RemainingTime > TimeSpan.Zero,
        Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID")));

    [Fact]
    public async Task The_handler_gets_the_typed_event_and_its_context_and_its_result_is_posted()
    {
        _ = Run(Describe);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);

        var outcome = await _server.InvokeAsync("req-1", """{"name":"ada"}""", deadline, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        Assert.Equal("response", outcome.Kind);
        var view = JsonSerializer.Deserialize(outcome.Body, HostTestJsonContext.Default.ContextView)!;
        Assert.Equal(new ContextView(
            "hello ada", "req-1", "arn:aws:lambda:us-east-1:000000000000:function:fn", "fn", "$LATEST", 256, "/aws/lambda/fn",
            "2026/12/08/[$LATEST]abc", deadline.ToUnixTimeMilliseconds(), true, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"), view);
    }

    [Fact]
    public async Task Invocations_are_served_one_after_another()
    {
        _ = Run(Describe);

        var first = await _server.InvokeAsync("req-a", """{"name":"a"}""", DateTimeOffset.UtcNow.AddSeconds(30));
        var second = await _server.InvokeAsync("req-b", """{"name":"b"}""", DateTimeOffset.UtcNow.AddSeconds(30));

        Assert.Contains("hello a", first.Body, StringComparison.Ordinal);
        Assert.Contains("hello b", second.Body, StringComparison.Ordinal);
        Assert.Contains("\"trace\":null", second.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_handler_posts_its_error_as_AWS_runtimes_do()
    {
        LambdaHandler<Greeting, ContextView> handler = (_, _) => throw new InvalidOperationException("patient table unreachable");
        _ = Run(handler);

        var outcome = await _server.InvokeAsync("req-err", """{"name":"x"}""", DateTimeOffset.UtcNow.AddSeconds(30));

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("InvalidOperationException", outcome.ErrorTypeHeader);
        using var body = JsonDocument.Parse(outcome.Body);
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("patient table unreachable", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.Contains(body.RootElement.GetProperty("stackTrace").EnumerateArray(), frame => frame.GetString()!.StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_that_does_not_fit_the_type_fails_that_invocation_only()
    {
        _ = Run(Describe);

        var bad = await _server.InvokeAsync("req-bad", """{"name":42}""", DateTimeOffset.UtcNow.AddSeconds(30));
        var good = await _server.InvokeAsync("req-good", """{"name":"ok"}""", DateTimeOffset.UtcNow.AddSeconds(30));

        Assert.Equal(("error", "JsonException"), (bad.Kind, bad.ErrorTypeHeader));
        Assert.Equal("response", good.Kind);
    }

    [Fact]
    public async Task The_context_token_is_cancelled_at_the_deadline()
    {
        _ = Run(async (_, context) =>
        {
            var cancelled = await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(t => t.IsCanceled, TaskScheduler.Default);
            return new ContextView(cancelled ? "cancelled" : "not cancelled", context.AwsRequestId, "", "", "", 0, "", "", 0, context.RemainingTime > TimeSpan.Zero, null);
        });

        var outcome = await _server.InvokeAsync("req-late", """{"name":"x"}""", DateTimeOffset.UtcNow.AddMilliseconds(300));

        Assert.Contains("\"greeting\":\"cancelled\"", outcome.Body, StringComparison.Ordinal);
        Assert.Contains("\"remainingPositive\":false", outcome.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_initializer_posts_init_error_and_exits_1()
    {
        Func<LambdaFunctionInfo, CancellationToken, Task<LambdaHandler<Greeting, ContextView>>> initialize = (_, _) => throw new FileNotFoundException("config missing");
        var exit = await LambdaHost.RunAsync(
            initialize,
            HostTestJsonContext.Default.Greeting,
            HostTestJsonContext.Default.ContextView,
            Options());

        Assert.Equal(LambdaHost.ExitFailure, exit);
        var posted = await _server.InitError.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("FileNotFoundException", posted.ErrorTypeHeader);
        Assert.Contains("\"errorMessage\":\"config missing\"", posted.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_while_waiting_for_an_event_exits_0()
    {
        var run = Run(Describe);
        await Task.Delay(200);

        await _shutdown.CancelAsync();

        Assert.Equal(LambdaHost.ExitSuccess, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_broken_Runtime_API_ends_the_runtime_with_exit_1()
    {
        _server.NextStatus = 500;

        var exit = await Run(Describe).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaHost.ExitFailure, exit);
        Assert.Contains("\"level\":\"FATAL\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_AWS_LAMBDA_RUNTIME_API_the_host_exits_1()
    {
        var exit = await LambdaHost.RunAsync<Greeting, ContextView>(
            Describe, HostTestJsonContext.Default.Greeting, HostTestJsonContext.Default.ContextView,
            new LambdaHostOptions { Environment = _ => null, Output = _output, HandleSigterm = false });

        Assert.Equal(LambdaHost.ExitFailure, exit);
    }

    [Fact]
    public async Task Log_lines_carry_the_request_id_and_never_the_secret_key()
    {
        _ = Run((greeting, context) =>
        {
            context.Logger.Info($"leaking {greeting.Name}", new Dictionary<string, object?> { ["attempt"] = 1 });
            return Describe(greeting, context);
        });

        await _server.InvokeAsync("req-log", """{"name":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}""", DateTimeOffset.UtcNow.AddSeconds(30));

        var line = Assert.Single(_output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("INFO", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("req-log", json.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("leaking ***", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("attempt").GetInt32());
    }
}
