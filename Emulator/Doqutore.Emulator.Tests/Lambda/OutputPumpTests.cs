using System.Collections.Concurrent;
using System.Text;
using Doqutore.Emulator.Providers.Lambda.Runtime;

namespace Doqutore.Emulator.Tests.Lambda;

public sealed class OutputPumpTests
{
    [Fact]
    public async Task Lines_are_split_on_newlines_and_a_last_line_without_one_is_kept()
    {
        var lines = await Pump("one\r\ntwo\n\nthree");

        Assert.Equal(["one", "two", string.Empty, "three"], lines);
    }

    [Fact]
    public async Task A_line_longer_than_a_CloudWatch_event_is_cut_there_and_the_next_line_is_whole()
    {
        var lines = await Pump(new string('x', 1_000_000) + "\nnext\n");

        Assert.Equal([new string('x', FunctionLog.MaxLineBytes), "next"], lines);
    }

    [Fact]
    public async Task Lines_split_across_reads_are_joined()
    {
        var source = new ChunkedStream(["hel", "lo\nwor", "ld\n"]);
        var lines = new ConcurrentQueue<string>();

        await new OutputPump(source, lines.Enqueue).Completion;

        Assert.Equal(["hello", "world"], lines);
    }

    private static async Task<List<string>> Pump(string text)
    {
        var lines = new ConcurrentQueue<string>();
        await new OutputPump(new MemoryStream(Encoding.UTF8.GetBytes(text)), lines.Enqueue).Completion;
        return [.. lines];
    }

    /// <summary>A stream that answers each read with the next chunk, as a pipe delivers what was written so far.</summary>
    private sealed class ChunkedStream(string[] chunks) : Stream
    {
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_next == chunks.Length)
            {
                return 0;
            }

            var bytes = Encoding.UTF8.GetBytes(chunks[_next++]);
            bytes.CopyTo(buffer, offset);
            return bytes.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
