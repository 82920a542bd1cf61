using System.Security.Cryptography;
using Doqutore.Aws.Wire;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Reads through a body while hashing it: the MD5 (S3's ETag) always, and one additional checksum when asked;
/// counts the bytes. The blob store copies from it, so a body is hashed in the same single pass that stores it.
/// </summary>
internal sealed class HashingStream(Stream inner, NonCryptographicChecksum? checksum) : ReadOnlyForwardStream
{
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private long _length;

    /// <summary>The bytes read so far.</summary>
    public long BytesRead => _length;

    public byte[] Md5() => _md5.GetHashAndReset();

    public byte[]? Checksum() => checksum?.GetHashAndReset();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Add(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Add(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Add(ReadOnlySpan<byte> data)
    {
        _md5.AppendData(data);
        checksum?.Append(data);
        _length += data.Length;
    }
}
