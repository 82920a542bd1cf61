using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Doqutore.Lambda;

/// <summary>
/// The Lambda Runtime API (version <c>2018-06-01</c>) over <see cref="HttpClient"/>: next, response, error and
/// init/error, with AWS's header names. The base is <c>http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/</c>, where the
/// variable may carry a path (the emulator serves <c>127.0.0.1:4566/_doqutore/runtime/&lt;function&gt;</c>).
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    /// <summary>The header carrying a failure's category on error posts (<c>Unhandled</c>, <c>Runtime.…</c>, a type name).</summary>
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="runtimeApi">The value of <c>AWS_LAMBDA_RUNTIME_API</c>: <c>host:port</c>, optionally followed by a path.</param>
    /// <param name="http">A client to use (its timeout should be infinite: <c>next</c> blocks until an event arrives); null makes one.</param>
    public RuntimeApiClient(string runtimeApi, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        BaseUri = new Uri($"http://{runtimeApi.TrimEnd('/')}/2018-06-01/", UriKind.Absolute);
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The versioned base every call is relative to.</summary>
    public Uri BaseUri { get; }

    /// <summary>Waits for the next invocation; may block as long as no event arrives (it must not time out).</summary>
    /// <exception cref="RuntimeApiException">The Runtime API answered with an error status.</exception>
    public async Task<RuntimeInvocation> NextAsync(CancellationToken cancellation = default)
    {
        using var response = await _http.GetAsync(new Uri(BaseUri, "runtime/invocation/next"), HttpCompletionOption.ResponseContentRead, cancellation).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, "next", cancellation).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new RuntimeApiException(response.StatusCode, "next answered without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return new RuntimeInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty, body)
        {
            TraceId = Header(response, "Lambda-Runtime-Trace-Id"),
            ClientContext = Header(response, "Lambda-Runtime-Client-Context"),
            CognitoIdentity = Header(response, "Lambda-Runtime-Cognito-Identity"),
        };
    }

    /// <summary>Posts an invocation's result (for a synchronous call, the body of the Invoke response).</summary>
    public async Task PostResponseAsync(string awsRequestId, ReadOnlyMemory<byte> result, CancellationToken cancellation = default)
    {
        using var content = new ReadOnlyMemoryContent(result);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(BaseUri, $"runtime/invocation/{Uri.EscapeDataString(awsRequestId)}/response"), content, cancellation).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, "response", cancellation).ConfigureAwait(false);
    }

    /// <summary>Reports that the handler failed an invocation.</summary>
    public Task PostErrorAsync(string awsRequestId, RuntimeErrorBody error, CancellationToken cancellation = default) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(awsRequestId)}/error", error, "error", cancellation);

    /// <summary>Reports that initialization failed; the runtime should exit afterwards.</summary>
    public Task PostInitErrorAsync(RuntimeErrorBody error, CancellationToken cancellation = default) =>
        PostErrorAsync("runtime/init/error", error, "init/error", cancellation);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task PostErrorAsync(string path, RuntimeErrorBody error, string call, CancellationToken cancellation)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeErrorBody));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, path)) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellation).ConfigureAwait(false);
        await EnsureAcceptedAsync(response, call, cancellation).ConfigureAwait(false);
    }

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string call, CancellationToken cancellation)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
        throw new RuntimeApiException(response.StatusCode, $"Runtime API {call} answered {(int)response.StatusCode}: {Truncate(body)}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length <= 512 ? text : string.Concat(text.AsSpan(0, 512), "…");
}

/// <summary>The Runtime API refused a call (AWS: 400 bad request, 403 forbidden, 413 too large, 500 container error).</summary>
public sealed class RuntimeApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = status;

    /// <summary>500 means the execution environment is broken: AWS says the runtime should exit promptly.</summary>
    public bool IsFatal => (int)StatusCode >= 500;
}
