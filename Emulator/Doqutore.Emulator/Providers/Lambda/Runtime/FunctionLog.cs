using System.Globalization;
using System.Text;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// One execution environment's log stream in <c>/aws/lambda/&lt;name&gt;</c>: the process's output line by line, and the
/// platform's START, END and REPORT lines in AWS's format (reference §6.5). Keeps only the current invocation's last
/// 4 KB for <c>LogType: Tail</c>.
/// </summary>
internal sealed class FunctionLog(ILogSink sink, FunctionConfig config, string streamName, TimeProvider clock)
{
    /// <summary>CloudWatch Logs' largest event: 256 KB including 26 bytes of overhead.</summary>
    public const int MaxLineBytes = 262_144 - 26;

    private const int TailBytes = 4096;

    private readonly Lock _gate = new();
    private readonly StringBuilder _tail = new();

    public string StreamName { get; } = streamName;

    /// <summary>One line the process wrote (already cut to <see cref="MaxLineBytes"/>).</summary>
    public void Write(string line) => Append(line);

    public void Start(string requestId)
    {
        lock (_gate)
        {
            _tail.Clear();
        }

        Append($"START RequestId: {requestId} Version: $LATEST");
    }

    /// <summary>The platform's lines after an invocation; <paramref name="status"/> (<c>timeout</c>, <c>error</c>) is added as AWS does for failed ones.</summary>
    public void End(string requestId, TimeSpan duration, long maxMemoryBytes, TimeSpan? initDuration, string? status)
    {
        Append($"END RequestId: {requestId}");
        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"REPORT RequestId: {requestId}\tDuration: {duration.TotalMilliseconds:F2} ms\t");
        report.Append(CultureInfo.InvariantCulture, $"Billed Duration: {Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds + (initDuration?.TotalMilliseconds ?? 0)))} ms\t");
        report.Append(CultureInfo.InvariantCulture, $"Memory Size: {config.MemorySize} MB\tMax Memory Used: {Math.Max(1, maxMemoryBytes / (1024 * 1024))} MB\t");
        if (initDuration is { } init)
        {
            report.Append(CultureInfo.InvariantCulture, $"Init Duration: {init.TotalMilliseconds:F2} ms\t");
        }

        if (status is not null)
        {
            report.Append(CultureInfo.InvariantCulture, $"Status: {status}");
        }

        Append(report.ToString());
    }

    /// <summary>The base64 of the current invocation's last 4 KB of log (whole UTF-8 characters).</summary>
    public string Tail()
    {
        lock (_gate)
        {
            var bytes = Encoding.UTF8.GetBytes(_tail.ToString());
            var start = Math.Max(0, bytes.Length - TailBytes);
            while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80)
            {
                start++;
            }

            return Convert.ToBase64String(bytes, start, bytes.Length - start);
        }
    }

    private void Append(string line)
    {
        lock (_gate)
        {
            _tail.Append(line).Append('\n');
            if (_tail.Length > 4 * TailBytes)
            {
                _tail.Remove(0, _tail.Length - (2 * TailBytes));
            }
        }

        sink.Append(config.AccountId, config.Region, config.LogGroup, StreamName, [new LogLine(clock.GetUtcNow(), line)]);
    }

    /// <summary>A new stream name, <c>YYYY/MM/DD/[$LATEST]&lt;32 hex&gt;</c>, as each environment gets.</summary>
    public static string NewStreamName(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + "/[$LATEST]" + Guid.NewGuid().ToString("N");
}
