// Client-side SigV4 for the spec-driven client, through AWSSDK.Core's SigV4SigningHandler.
//
// The handler is an HttpClient DelegatingHandler: it signs the HttpRequestMessage passing through it. To sign
// a WireRequest without sending it, the signer runs the handler over a copy of the request with a terminal
// handler that captures the signed message and answers locally; the signing headers (Authorization,
// X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token) are then copied back onto the WireRequest.
// The URI is built with path and query canonicalization disabled, so the SDK sees the path exactly as the
// WireRequest will send it (System.Uri would otherwise unescape or compress dot segments).
// A streamed body (BodyStream) is signed as UNSIGNED-PAYLOAD unless the caller set x-amz-content-sha256:
// the handler would otherwise buffer it to hash it.
using System.Globalization;
using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>Signs <see cref="WireRequest"/>s with SigV4 (Authorization header) using the AWS SDK's handler.</summary>
public sealed class RequestSigner : IDisposable
{
    private static readonly string[] SigningHeaders = ["Authorization", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token"];

    private readonly HttpMessageInvoker _invoker;

    /// <param name="credentials">The credentials to sign with (resolved on each signing).</param>
    /// <param name="region">The signing region, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing name, e.g. <c>sts</c>, <c>s3</c>.</param>
    /// <param name="signedAt">A fixed signing time (tests); null signs with the current time.</param>
    public RequestSigner(AWSCredentials credentials, string region, string service, DateTime? signedAt = null)
    {
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt,
        };
        _invoker = new HttpMessageInvoker(new SigV4SigningHandler(parameters, new CapturingHandler()), disposeHandler: true);
    }

    /// <summary>Adds the SigV4 headers to <paramref name="request"/>, replacing earlier ones.</summary>
    public void Sign(WireRequest request)
    {
        using var message = ToMessage(request);
        using var response = _invoker.Send(message, CancellationToken.None);
        CopySigningHeaders(message, request);
    }

    /// <inheritdoc cref="Sign(WireRequest)"/>
    public async Task SignAsync(WireRequest request, CancellationToken cancellationToken = default)
    {
        using var message = ToMessage(request);
        using var response = await _invoker.SendAsync(message, cancellationToken).ConfigureAwait(false);
        CopySigningHeaders(message, request);
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>The URI of a request as sent, without System.Uri's path and query canonicalization.</summary>
    internal static Uri RawUri(WireRequest request) => new(
        $"{request.Scheme}://{request.Host}{request.RawPath}{(request.RawQuery.Length > 0 ? "?" + request.RawQuery : string.Empty)}",
        new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private static HttpRequestMessage ToMessage(WireRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), RawUri(request));
        foreach (var name in SigningHeaders)
        {
            if (!name.Equals("X-Amz-Content-Sha256", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Remove(name);
            }
        }

        if (request.BodyStream is not null && !request.Headers.Contains(SigV4Constants.ContentSha256Header))
        {
            request.Headers[SigV4Constants.ContentSha256Header] = SigV4Constants.UnsignedPayload;
        }

        HttpContent? content = request.BodyStream is not null
            ? new StreamContent(request.BodyStream)
            : request.Body.Length > 0 || request.Headers.Contains("Content-Type") ? new ReadOnlyMemoryContent(request.Body) : null;
        message.Content = content;
        content?.Headers.Clear();

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && content is not null)
            {
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    content.Headers.ContentLength = long.Parse(value, CultureInfo.InvariantCulture);
                }
                else
                {
                    content.Headers.TryAddWithoutValidation(name, value);
                }

                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>
    /// Copies the signing headers, and any other header the handler signed that the wire request lacks (it
    /// signs <c>Content-Length</c>, which HttpClient derives from the content).
    /// </summary>
    private static void CopySigningHeaders(HttpRequestMessage signed, WireRequest request)
    {
        foreach (var name in SigningHeaders)
        {
            if (signed.Headers.TryGetValues(name, out var values))
            {
                request.Headers[name] = string.Join(',', values);
            }
        }

        var authorization = request.Headers["Authorization"] ?? string.Empty;
        var start = authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal);
        if (start < 0)
        {
            return;
        }

        var list = authorization[(start + "SignedHeaders=".Length)..].Split(',')[0];
        foreach (var name in list.Split(';'))
        {
            if (name == "host" || request.Headers.Contains(name))
            {
                continue;
            }

            if (signed.Headers.TryGetValues(name, out var values)
                || (signed.Content is not null && signed.Content.Headers.TryGetValues(name, out values)))
            {
                request.Headers[name] = string.Join(',', values);
            }
        }
    }

    /// <summary>The end of the handler chain: keeps the request local.</summary>
    private sealed class CapturingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            new(System.Net.HttpStatusCode.NoContent) { RequestMessage = request, Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } } };
    }
}
