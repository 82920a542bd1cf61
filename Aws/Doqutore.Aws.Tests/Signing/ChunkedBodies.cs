using System.Security.Cryptography;
using System.Text;
using Doqutore.Aws.Signing;

namespace Doqutore.Aws.Tests.Signing;

/// <summary>Builds aws-chunked bodies for tests, signing chunks per the S3 documentation.</summary>
internal static class ChunkedBodies
{
    public const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        static byte[] Mac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
        return Mac(Mac(Mac(Mac(Encoding.UTF8.GetBytes("AWS4" + secret), date), region), service), "aws4_request");
    }

    /// <summary>A signed body (and the chunk signatures, final one last), optionally with signed trailers.</summary>
    public static (byte[] Body, List<string> Signatures) Signed(ChunkSigningContext context, IEnumerable<byte[]> chunks, IReadOnlyList<(string Name, string Value)>? trailers = null)
    {
        var body = new MemoryStream();
        var signatures = new List<string>();
        var previous = context.SeedSignature;
        foreach (var chunk in chunks.Append([]))
        {
            var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{context.Timestamp}\n{context.Scope}\n{previous}\n{EmptyHash}\n{Hex(SHA256.HashData(chunk))}";
            previous = Hex(HMACSHA256.HashData(context.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
            signatures.Add(previous);
            Write(body, $"{chunk.Length:x};chunk-signature={previous}\r\n");
            body.Write(chunk);
            if (chunk.Length > 0)
            {
                Write(body, "\r\n");
            }
        }

        if (trailers is not null)
        {
            var canonical = string.Concat(trailers.Select(t => $"{t.Name}:{t.Value}\n"));
            var stringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{context.Timestamp}\n{context.Scope}\n{previous}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
            var trailerSignature = Hex(HMACSHA256.HashData(context.SigningKey, Encoding.UTF8.GetBytes(stringToSign)));
            foreach (var (name, value) in trailers)
            {
                Write(body, $"{name}:{value}\r\n");
            }

            Write(body, $"x-amz-trailer-signature:{trailerSignature}\r\n");
        }

        Write(body, "\r\n");
        return (body.ToArray(), signatures);
    }

    /// <summary>An unsigned body with trailers (STREAMING-UNSIGNED-PAYLOAD-TRAILER).</summary>
    public static byte[] Unsigned(IEnumerable<byte[]> chunks, IReadOnlyList<(string Name, string Value)> trailers)
    {
        var body = new MemoryStream();
        foreach (var chunk in chunks)
        {
            Write(body, $"{chunk.Length:x}\r\n");
            body.Write(chunk);
            Write(body, "\r\n");
        }

        Write(body, "0\r\n");
        foreach (var (name, value) in trailers)
        {
            Write(body, $"{name}:{value}\r\n");
        }

        Write(body, "\r\n");
        return body.ToArray();
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static void Write(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));
}

/// <summary>A stream that hands out at most a few bytes per read, to exercise a decoder's buffering.</summary>
internal sealed class TrickleStream(byte[] data, int maxRead) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, maxRead), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
