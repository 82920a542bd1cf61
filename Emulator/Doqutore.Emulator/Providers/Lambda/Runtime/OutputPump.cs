using System.Text;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// Reads a process's stdout or stderr into log lines with bounded memory: a line longer than
/// <see cref="FunctionLog.MaxLineBytes"/> is cut there and the rest of it dropped, as CloudWatch Logs truncates events.
/// </summary>
internal sealed class OutputPump
{
    private readonly Stream _source;
    private readonly Action<string> _line;
    private readonly byte[] _pending = new byte[FunctionLog.MaxLineBytes];
    private int _length;
    private bool _discarding;
    private volatile bool _busy;

    public OutputPump(Stream source, Action<string> line)
    {
        _source = source;
        _line = line;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes when the stream ends (the process closed it or exited).</summary>
    public Task Completion { get; }

    /// <summary>True while the pump handles bytes it has read (false while it waits for more).</summary>
    public bool Busy => _busy;

    private async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                _busy = false;
                var read = await _source.ReadAsync(buffer).ConfigureAwait(false);
                _busy = true;
                if (read == 0)
                {
                    break;
                }

                Consume(buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
            // The pipe broke with the process: what was read is logged below.
        }
        catch (ObjectDisposedException)
        {
        }

        if (_length > 0)
        {
            Emit();
        }

        _busy = false;
    }

    private void Consume(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var chunk = newline < 0 ? bytes : bytes[..newline];
            if (!_discarding)
            {
                var room = _pending.Length - _length;
                var taken = Math.Min(room, chunk.Length);
                chunk[..taken].CopyTo(_pending.AsSpan(_length));
                _length += taken;
                _discarding = taken < chunk.Length;
            }

            if (newline < 0)
            {
                return;
            }

            Emit();
            bytes = bytes[(newline + 1)..];
        }
    }

    private void Emit()
    {
        var length = _length > 0 && _pending[_length - 1] == '\r' ? _length - 1 : _length;
        _line(Encoding.UTF8.GetString(_pending, 0, length));
        _length = 0;
        _discarding = false;
    }
}
