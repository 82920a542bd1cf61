using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>The <see cref="ILogSink"/> of CloudWatch Logs: creates the group and stream on first use, as Lambda does.</summary>
public sealed class LogsSink(LogsStore store, TimeProvider clock) : ILogSink
{
    public void Append(string accountId, string region, string logGroupName, string logStreamName, IReadOnlyList<LogLine> lines)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        store.With(accountId, region, state =>
        {
            if (!state.Groups.TryGetValue(logGroupName, out var group))
            {
                group = new LogGroup(logGroupName, LogsStore.GroupArn(accountId, region, logGroupName), now);
                state.Groups[logGroupName] = group;
            }

            if (!group.Streams.TryGetValue(logStreamName, out var stream))
            {
                stream = new LogStream(logStreamName, LogsStore.StreamArn(accountId, region, logGroupName, logStreamName), now);
                group.Streams[logStreamName] = stream;
            }

            foreach (var line in lines)
            {
                stream.Add(new LogEvent(line.Timestamp.ToUnixTimeMilliseconds(), line.Message, now, state.NextSequence++));
            }

            if (lines.Count > 0)
            {
                stream.LastIngestionTime = now;
            }

            group.Expire(now);
            return 0;
        });
    }
}
