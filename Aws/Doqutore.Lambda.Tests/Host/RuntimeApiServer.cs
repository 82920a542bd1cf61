using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Doqutore.Lambda.Tests.Host;

/// <summary>What the runtime posted for an invocation (or for init): the path's verb, the error type header and the body.</summary>
internal sealed record PostedOutcome(string Kind, string? ErrorTypeHeader, string Body);

/// <summary>
/// The Runtime API contract (AWS's paths, headers and 202 answers) served over real HTTP by Kestrel on a loopback
/// port, under a path prefix as the emulator serves it. Tests queue invocations and await what the runtime posts.
/// The emulator's own Runtime API is exercised by the integration tests (DotnetRuntime*).
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string Prefix = "/_test/runtime/fn/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PostedOutcome>> _outcomes = new();
    private readonly TaskCompletionSource<PostedOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuntimeApiServer(WebApplication app)
    {
        _app = app;
        app.MapGet($"{Prefix}/invocation/next", NextAsync);
        app.MapPost($"{Prefix}/invocation/{{id}}/response", (string id, HttpContext http) => PostAsync(id, "response", http));
        app.MapPost($"{Prefix}/invocation/{{id}}/error", (string id, HttpContext http) => PostAsync(id, "error", http));
        app.MapPost($"{Prefix}/init/error", async (HttpContext http) =>
        {
            _initError.TrySetResult(await ReadAsync("init/error", http));
            return Results.Json(new { status = "OK" }, statusCode: 202);
        });
    }

    /// <summary>The value of <c>AWS_LAMBDA_RUNTIME_API</c> for this server.</summary>
    public string RuntimeApi { get; private set; } = string.Empty;

    /// <summary>When set, <c>next</c> answers this status instead of an invocation.</summary>
    public int? NextStatus { get; set; }

    public Task<PostedOutcome> InitError => _initError.Task;

    public static async Task<RuntimeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new RuntimeApiServer(builder.Build());
        await server._app.StartAsync();
        var address = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.RuntimeApi = $"127.0.0.1:{address.Port}/_test/runtime/fn";
        return server;
    }

    /// <summary>Queues an event and returns what the runtime posts for it.</summary>
    public Task<PostedOutcome> InvokeAsync(string requestId, string body, DateTimeOffset deadline, string? traceId = null)
    {
        var outcome = _outcomes.GetOrAdd(requestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(new QueuedInvocation(requestId, body, deadline, traceId));
        return outcome.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext http)
    {
        if (NextStatus is { } status)
        {
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new { errorMessage = "container broken", errorType = "Runtime.Test" });
            return;
        }

        QueuedInvocation invocation;
        try
        {
            invocation = await _queue.Reader.ReadAsync(http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:fn";
        if (invocation.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(invocation.Body);
    }

    private async Task<IResult> PostAsync(string id, string kind, HttpContext http)
    {
        var posted = await ReadAsync(kind, http);
        if (!_outcomes.TryGetValue(id, out var outcome) || !outcome.TrySetResult(posted))
        {
            return Results.Json(new { errorMessage = $"Invalid request ID: \"{id}\"", errorType = "InvalidRequestID" }, statusCode: 400);
        }

        return Results.Json(new { status = "OK" }, statusCode: 202);
    }

    private static async Task<PostedOutcome> ReadAsync(string kind, HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return new PostedOutcome(kind, http.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), await reader.ReadToEndAsync());
    }

    private sealed record QueuedInvocation(string RequestId, string Body, DateTimeOffset Deadline, string? TraceId);
}
