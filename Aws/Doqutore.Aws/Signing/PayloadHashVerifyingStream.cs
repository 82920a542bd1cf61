using System.Security.Cryptography;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>
/// Passes a streamed body through while hashing it; at its end, fails with <c>XAmzContentSHA256Mismatch</c> (S3)
/// when the body's SHA-256 is not the declared <c>x-amz-content-sha256</c>
/// (<see cref="SigV4Result.PendingPayloadHash"/>). The failure comes with the read that reaches the end.
/// </summary>
public sealed class PayloadHashVerifyingStream(Stream inner, string expectedSha256Hex, AuthErrorFamily family = AuthErrorFamily.S3, bool leaveOpen = false) : ReadOnlyForwardStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _checked;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Observe(buffer, inner.Read(buffer), buffer.IsEmpty);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Observe(buffer.Span, n, buffer.IsEmpty);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!leaveOpen)
            {
                inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private int Observe(ReadOnlySpan<byte> buffer, int read, bool emptyRequest)
    {
        if (read > 0)
        {
            _hash.AppendData(buffer[..read]);
            return read;
        }

        if (!emptyRequest && !_checked)
        {
            _checked = true;
            var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
            if (!string.Equals(actual, expectedSha256Hex, StringComparison.OrdinalIgnoreCase))
            {
                var failure = new SigV4Failure(SigV4FailureKind.ContentSha256Mismatch) { ClientPayloadHash = expectedSha256Hex, ServerPayloadHash = actual };
                throw new SigV4Exception(failure, AuthErrors.Create(failure, family));
            }
        }

        return read;
    }
}
