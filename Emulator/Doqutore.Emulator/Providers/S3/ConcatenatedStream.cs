using Doqutore.Aws.Wire;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>The bytes of several streams one after another, each opened when reached and disposed when done (a completed multipart upload's parts).</summary>
internal sealed class ConcatenatedStream(IEnumerable<Func<Stream>> parts) : ReadOnlyForwardStream
{
    private readonly IEnumerator<Func<Stream>> _parts = parts.GetEnumerator();
    private Stream? _current;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (Current() is { } stream)
        {
            var read = stream.Read(buffer);
            if (read > 0)
            {
                return read;
            }

            Next();
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (Current() is { } stream)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return read;
            }

            Next();
        }

        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _parts.Dispose();
        }

        base.Dispose(disposing);
    }

    private Stream? Current()
    {
        if (_current is null && _parts.MoveNext())
        {
            _current = _parts.Current();
        }

        return _current;
    }

    private void Next()
    {
        _current!.Dispose();
        _current = null;
    }
}
