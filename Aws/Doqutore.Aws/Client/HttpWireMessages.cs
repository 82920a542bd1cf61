using System.Net.Http.Headers;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Client;

/// <summary>Moves the codecs' wire types to and from <see cref="HttpClient"/> messages.</summary>
internal static class HttpWireMessages
{
    // Headers HttpClient only accepts on the content, not on the request.
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Content-MD5", "Content-Encoding", "Content-Disposition", "Content-Language",
        "Content-Range", "Expires", "Last-Modified",
    };

    public static HttpRequestMessage ToHttp(WireRequest wire)
    {
        var message = new HttpRequestMessage(new HttpMethod(wire.Method), wire.ToUri());
        HttpContent? content = wire.BodyStream is not null ? new StreamContent(wire.BodyStream)
            : wire.Body.Length > 0 || wire.Method is "POST" or "PUT" or "PATCH" ? new ReadOnlyMemoryContent(wire.Body)
            : null;
        foreach (var (name, value) in wire.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (ContentHeaders.Contains(name))
            {
                if (content is not null && !string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    content.Headers.TryAddWithoutValidation(name, value);
                }

                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (content is not null && content.Headers.ContentType is null)
        {
            // An explicit empty type keeps HttpClient from inventing one that the codec did not choose.
            content.Headers.ContentType = null;
        }

        message.Content = content;
        return message;
    }

    public static async Task<WireResponse> FromHttpAsync(HttpResponseMessage response, bool stream, CancellationToken cancellation)
    {
        var wire = new WireResponse { StatusCode = (int)response.StatusCode };
        AddHeaders(wire.Headers, response.Headers);
        AddHeaders(wire.Headers, response.Content.Headers);
        if (stream)
        {
            wire.BodyStream = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        }
        else
        {
            wire.Body = await response.Content.ReadAsByteArrayAsync(cancellation).ConfigureAwait(false);
        }

        return wire;
    }

    private static void AddHeaders(WireHeaders target, HttpHeaders source)
    {
        foreach (var (name, values) in source)
        {
            foreach (var value in values)
            {
                target.Add(name, value);
            }
        }
    }
}
