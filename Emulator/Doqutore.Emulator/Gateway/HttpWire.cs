using System.Buffers;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace Doqutore.Emulator.Gateway;

/// <summary>Moves requests and responses between ASP.NET Core and the wire types the codecs speak.</summary>
internal static class HttpWire
{
    /// <summary>The request line and headers; the body is read later, buffered or streamed.</summary>
    public static WireRequest ReadHead(HttpContext http)
    {
        // The raw target keeps the path exactly as signed (percent-encoding included).
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString);
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var request = new WireRequest
        {
            Method = http.Request.Method,
            Host = http.Request.Host.Value ?? "localhost",
            Scheme = http.Request.Scheme,
            RawPath = q < 0 ? rawTarget : rawTarget[..q],
            RawQuery = q < 0 ? string.Empty : rawTarget[(q + 1)..],
        };
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                request.Headers.Add(name, value ?? string.Empty);
            }
        }

        return request;
    }

    /// <summary>Reads the whole body, refusing more than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext http, long limit)
    {
        var declared = http.Request.ContentLength;
        if (declared > limit)
        {
            throw TooLarge(declared.Value, limit);
        }

        // Most requests declare their length: read straight into an array of that size (no scratch buffer to
        // clear, no copy). A body that ends early is what the caller sent. Large declarations are not trusted with
        // an allocation up front.
        if (declared is { } length && length <= ExactReadLimit)
        {
            if (length == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var body = new byte[length];
            var filled = await http.Request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, http.RequestAborted).ConfigureAwait(false);
            return body.AsMemory(0, filled);
        }

        return await ReadChunkedAsync(http, limit).ConfigureAwait(false);
    }

    private const long ExactReadLimit = 1024 * 1024;

    /// <summary>A body of unknown length (chunked transfer encoding) or a large one: read through a pooled buffer.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadChunkedAsync(HttpContext http, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(buffer.Length + read, limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    public static async Task WriteAsync(HttpContext http, WireResponse response)
    {
        http.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            http.Response.Headers.Append(name, value);
        }

        if (response.BodyStream is { } stream)
        {
            await using (stream.ConfigureAwait(false))
            {
                if (response.Headers["Content-Length"] is { } length && long.TryParse(length, out var n))
                {
                    http.Response.ContentLength = n;
                }

                if (!HttpMethods.IsHead(http.Request.Method))
                {
                    await stream.CopyToAsync(http.Response.Body, http.RequestAborted).ConfigureAwait(false);
                }
            }

            return;
        }

        // HEAD answers carry the length of what GET would send (S3 HeadObject), set by the codec. A 304 (S3's
        // conditional GET) has no body by HTTP's rules: its error document is dropped.
        if (response.StatusCode == StatusCodes.Status304NotModified)
        {
            return;
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            if (response.Headers["Content-Length"] is { } headLength && long.TryParse(headLength, out var m))
            {
                http.Response.ContentLength = m;
            }

            return;
        }

        http.Response.ContentLength = response.Body.Length;
        if (response.Body.Length > 0)
        {
            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static AwsServiceException TooLarge(long size, long limit) =>
        new("RequestEntityTooLarge", $"The request body of {size} bytes or more exceeds the limit of {limit} bytes.", 413);
}
