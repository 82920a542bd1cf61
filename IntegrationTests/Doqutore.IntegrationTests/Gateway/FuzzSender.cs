// Sends fuzzed requests over real HTTP, signed after mutation.
//
// Signing uses AWSSDK.Core's SigV4SigningHandler, an HttpClient DelegatingHandler: one chain per signing
// name (the handler's service name is fixed at construction), all over one SocketsHttpHandler so the
// connection pool is shared. Between the signer and the socket sits SignatureBreaker, which changes one
// character of the signature for requests marked to have a broken one. URIs are built without
// System.Uri's canonicalization so percent-encoding garbage and dot segments reach the server as written.
using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>Sends <see cref="FuzzRequest"/>s and returns the responses as <see cref="WireResponse"/>s.</summary>
public sealed class FuzzSender : IDisposable
{
    private static readonly HttpRequestOptionsKey<bool> BreakSignature = new("doqutore.fuzz.break-signature");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SocketsHttpHandler _sockets = new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _signers = new(StringComparer.Ordinal);
    private readonly HttpMessageInvoker _unsigned;
    private readonly AWSCredentials _credentials;

    public FuzzSender(string accessKeyId, string secretAccessKey)
    {
        _credentials = new BasicAWSCredentials(accessKeyId, secretAccessKey);
        _unsigned = new HttpMessageInvoker(_sockets, disposeHandler: false);
    }

    /// <summary>Sends <paramref name="request"/> to <paramref name="baseUrl"/> (scheme, host and port only).</summary>
    public async Task<WireResponse> SendAsync(Uri baseUrl, FuzzRequest request)
    {
        using var message = ToMessage(baseUrl, request);
        var invoker = request.Signing == FuzzSigning.Unsigned ? _unsigned : Signer(request.SigningName);
        if (request.Signing == FuzzSigning.BrokenSignature)
        {
            message.Options.Set(BreakSignature, true);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        using var response = await invoker.SendAsync(message, timeout.Token).ConfigureAwait(false);
        var wire = new WireResponse
        {
            StatusCode = (int)response.StatusCode,
            Body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false),
        };
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            foreach (var value in values)
            {
                wire.Headers.Add(name, value);
            }
        }

        return wire;
    }

    public void Dispose()
    {
        // The chains are never disposed as handlers: they share the one socket handler, disposed here.
        foreach (var signer in _signers.Values)
        {
            signer.Dispose();
        }

        _unsigned.Dispose();
        _sockets.Dispose();
    }

    private HttpMessageInvoker Signer(string signingName) => _signers.GetOrAdd(signingName, name =>
        new HttpMessageInvoker(new SigV4SigningHandler(_credentials, RegionEndpoint.USEast1, name, new SignatureBreaker(_sockets)), disposeHandler: false));

    private static HttpRequestMessage ToMessage(Uri baseUrl, FuzzRequest request)
    {
        var path = request.RawPath.StartsWith('/') ? request.RawPath : "/" + request.RawPath;
        var uri = new Uri(
            $"{baseUrl.Scheme}://{baseUrl.Authority}{path}{(request.RawQuery.Length > 0 ? "?" + request.RawQuery : string.Empty)}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        var hasContentHeaders = request.Headers.Any(h => h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase));
        if (request.Body.Length > 0 || hasContentHeaders)
        {
            message.Content = request.Chunked
                ? new StreamContent(new UnknownLengthStream(request.Body))
                : new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                message.Content!.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <summary>Changes one character of the SigV4 signature of requests marked for it.</summary>
    private sealed class SignatureBreaker(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Options.TryGetValue(BreakSignature, out var broken) && broken
                && request.Headers.TryGetValues("Authorization", out var values) && values.FirstOrDefault() is { Length: > 0 } authorization)
            {
                var last = authorization[^1];
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", authorization[..^1] + (last == '0' ? '1' : '0'));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A stream HttpClient cannot measure, so the body goes chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : Doqutore.Aws.Wire.ReadOnlyForwardStream
    {
        private readonly MemoryStream _inner = new(bytes, writable: false);

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
