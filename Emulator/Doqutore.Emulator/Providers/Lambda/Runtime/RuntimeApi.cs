using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// The Lambda Runtime API (version <c>2018-06-01</c>, reference §6.1) as each execution environment sees it at
/// <c>AWS_LAMBDA_RUNTIME_API</c> = <c>127.0.0.1:&lt;port&gt;/_doqutore/runtime/&lt;function&gt;/&lt;sandbox&gt;</c>: the
/// sandbox segment tells environments apart, as each AWS sandbox has its own endpoint, so a crash or timeout is
/// charged to the invocation that environment held.
/// </summary>
internal static class RuntimeApi
{
    public const string PathPrefix = InternalEndpoints.Prefix + "/runtime";

    /// <summary>Lambda's limit on a synchronous response (6 MB), as the Runtime API enforces it.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    /// <summary>Error documents of the Runtime API's own refusals (and init errors) are capped too.</summary>
    private const int MaxErrorBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapLambdaRuntimeApi(this IEndpointRouteBuilder app)
    {
        var root = PathPrefix + "/{function}/{sandbox}/2018-06-01/runtime";
        app.MapGet(root + "/invocation/next", NextAsync);
        app.MapPost(root + "/invocation/{requestId}/response", ResponseAsync);
        app.MapPost(root + "/invocation/{requestId}/error", ErrorAsync);
        app.MapPost(root + "/init/error", InitErrorAsync);
        return app;
    }

    private static async Task NextAsync(HttpContext http, string function, string sandbox, FunctionRuntimes runtimes)
    {
        if (Environment(runtimes, function, sandbox) is not { } environment)
        {
            await UnknownSandbox(http, function, sandbox).ConfigureAwait(false);
            return;
        }

        Invocation invocation;
        try
        {
            invocation = await environment.NextAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.InvokedFunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        if (invocation.ClientContext is { } clientContext)
        {
            headers["Lambda-Runtime-Client-Context"] = clientContext;
        }

        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ResponseAsync(HttpContext http, string function, string sandbox, string requestId, FunctionRuntimes runtimes)
    {
        if (Environment(runtimes, function, sandbox) is not { } environment)
        {
            await UnknownSandbox(http, function, sandbox).ConfigureAwait(false);
            return;
        }

        var body = await ReadAsync(http, MaxResponseBytes).ConfigureAwait(false);
        if (body is null)
        {
            // [guess] the Runtime API's words; the invocation fails as AWS reports an oversized response.
            environment.Answer(requestId, InvocationResult.PlatformError(
                "Function.ResponseSizeTooLarge", $"Response payload size exceeded maximum allowed payload size ({MaxResponseBytes} bytes)."));
            await Write(http, 413, "RequestEntityTooLarge", $"Exceeded maximum allowed payload size ({MaxResponseBytes} bytes).").ConfigureAwait(false);
            return;
        }

        await Accept(http, environment.Answer(requestId, InvocationResult.Success(body))).ConfigureAwait(false);
    }

    private static async Task ErrorAsync(HttpContext http, string function, string sandbox, string requestId, FunctionRuntimes runtimes)
    {
        if (Environment(runtimes, function, sandbox) is not { } environment)
        {
            await UnknownSandbox(http, function, sandbox).ConfigureAwait(false);
            return;
        }

        var result = await FunctionErrorAsync(http).ConfigureAwait(false);
        await Accept(http, environment.Answer(requestId, result)).ConfigureAwait(false);
    }

    private static async Task InitErrorAsync(HttpContext http, string function, string sandbox, FunctionRuntimes runtimes)
    {
        if (Environment(runtimes, function, sandbox) is not { } environment)
        {
            await UnknownSandbox(http, function, sandbox).ConfigureAwait(false);
            return;
        }

        var result = await FunctionErrorAsync(http).ConfigureAwait(false);
        if (!environment.InitFailed(result))
        {
            // [guess] AWS refuses an init error after init as an invalid state transition.
            await Write(http, 403, "InvalidStateTransition", "Transition from Ready to InitError is not allowed.").ConfigureAwait(false);
            return;
        }

        await Accepted(http).ConfigureAwait(false);
    }

    /// <summary>The error document a runtime posts, with <c>Lambda-Runtime-Function-Error-Type</c> as its type.</summary>
    private static async Task<InvocationResult> FunctionErrorAsync(HttpContext http)
    {
        var body = await ReadAsync(http, MaxErrorBytes).ConfigureAwait(false) ?? [];
        var type = http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        if (string.IsNullOrEmpty(type))
        {
            try
            {
                type = JsonNode.Parse(body)?["errorType"]?.GetValue<string>() ?? "Runtime.Unknown";
            }
            catch (Exception error) when (error is System.Text.Json.JsonException or InvalidOperationException)
            {
                type = "Runtime.Unknown";
            }
        }

        return new InvocationResult(body, "Unhandled", type);
    }

    private static ExecutionEnvironment? Environment(FunctionRuntimes runtimes, string function, string sandbox) =>
        runtimes.Find(sandbox) is { } environment && environment.Config.Name == function && !environment.IsEnded ? environment : null;

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task Accept(HttpContext http, bool answered) =>
        answered ? Accepted(http) : Write(http, 400, "InvalidRequestID", "Invalid request ID"); // [guess] texts

    private static Task Accepted(HttpContext http) => Write(http, 202, null, null);

    private static Task UnknownSandbox(HttpContext http, string function, string sandbox) =>
        // [guess] a sandbox that no longer runs gets the container error runtimes are told to exit on.
        Write(http, 500, "Runtime.ContainerError", $"No execution environment {sandbox} of function {function} is running.");

    private static async Task Write(HttpContext http, int status, string? errorType, string? message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var body = errorType is null
            ? new JsonObject { ["status"] = "OK" }
            : new JsonObject { ["errorMessage"] = message, ["errorType"] = errorType };
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted).ConfigureAwait(false);
    }
}
