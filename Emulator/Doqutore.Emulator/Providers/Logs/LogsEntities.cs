namespace Doqutore.Emulator.Providers.Logs;

/// <summary>A stored log event; <see cref="Sequence"/> orders events of one group ingested in the same millisecond.</summary>
public sealed record LogEvent(long Timestamp, string Message, long IngestionTime, long Sequence);

/// <summary>A log stream: its events kept in timestamp order (ties in ingestion order).</summary>
public sealed class LogStream(string name, string arn, long creationTime)
{
    public string Name { get; } = name;

    public string Arn { get; } = arn;

    public long CreationTime { get; } = creationTime;

    public List<LogEvent> Events { get; } = [];

    public long? LastIngestionTime { get; set; }

    public long UploadSequence { get; set; } = 1;

    /// <summary>Inserts keeping timestamp order; appending in order (the usual case) costs O(1).</summary>
    public void Add(LogEvent logEvent)
    {
        var at = Events.Count;
        while (at > 0 && Events[at - 1].Timestamp > logEvent.Timestamp)
        {
            at--;
        }

        Events.Insert(at, logEvent);
    }

    /// <summary>Drops the events older than <paramref name="cutoff"/> (retention).</summary>
    public void Expire(long cutoff)
    {
        var count = 0;
        while (count < Events.Count && Events[count].Timestamp < cutoff)
        {
            count++;
        }

        Events.RemoveRange(0, count);
    }
}

/// <summary>A log group and its streams by name.</summary>
public sealed class LogGroup(string name, string arn, long creationTime)
{
    public string Name { get; } = name;

    /// <summary>The group ARN without the <c>:*</c> suffix DescribeLogGroups adds to <c>arn</c>.</summary>
    public string Arn { get; } = arn;

    public long CreationTime { get; } = creationTime;

    public int? RetentionInDays { get; set; }

    public string? KmsKeyId { get; set; }

    public string LogGroupClass { get; set; } = "STANDARD";

    public SortedDictionary<string, LogStream> Streams { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Enforces retention: events older than the retention period are gone.</summary>
    public void Expire(long now)
    {
        if (RetentionInDays is { } days)
        {
            var cutoff = now - (days * 86_400_000L);
            foreach (var stream in Streams.Values)
            {
                stream.Expire(cutoff);
            }
        }
    }
}
