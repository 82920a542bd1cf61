using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb.Persistence;

namespace Doqutore.Emulator.Providers.DynamoDb.Streams;

/// <summary>
/// One table stream (one per enabling of StreamSpecification): a single shard holding the table's change records in
/// write order, each shaped as GetRecords answers it (reference §7.1). Sequence numbers are 21-digit increasing
/// strings. Records are kept for 24 hours, as AWS keeps them, then trimmed (the trim horizon moves up).
/// Disabling a stream keeps it readable (DISABLED, its shard closed). Records and the sequence state are persisted
/// with the table's writes, in the same order, so a restart with a data directory resumes the stream.
/// </summary>
internal sealed class DynamoDbStream
{
    public const long FirstSequence = 100000000000000000L;

    /// <summary>How long AWS keeps a stream record.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly List<PersistedStreamRecord> records = [];
    private readonly Lock gate = new();

    public required string Arn { get; init; }

    public required string AccountId { get; init; }

    public required string Label { get; init; }

    public required string TableName { get; init; }

    public required string Region { get; init; }

    public required string ViewType { get; init; }

    public required KeySchema Keys { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the stream was disabled (or its table deleted); null while enabled.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    public bool Enabled => DisabledAt is null;

    /// <summary>Where records are made durable (set by the store; nothing in memory mode).</summary>
    public IDynamoDbPersistence Persistence { get; set; } = NoPersistence.Instance;

    public long NextSequence { get; private set; } = FirstSequence;

    /// <summary>The one shard's id, derived from the creation time as AWS's ids are.</summary>
    public string ShardId => $"shardId-{CreatedAt.ToUnixTimeMilliseconds():D20}-{Arn.GetHashCode(StringComparison.Ordinal) & 0x7fffffff:x8}";

    public static string FirstSequenceNumber => Format(FirstSequence);

    /// <summary>
    /// Records a change: INSERT (no old image), MODIFY, or REMOVE (no new image). Unchanged items write nothing.
    /// Returns the persistence ticket of the record (0 when none was written).
    /// </summary>
    public long Append(JsonObject? oldImage, JsonObject? newImage, DateTimeOffset at)
    {
        if (!Enabled || (oldImage is not null && newImage is not null && AttributeValues.Equal(new JsonObject { ["M"] = oldImage.DeepClone() }, new JsonObject { ["M"] = newImage.DeepClone() })))
        {
            return 0;
        }

        var eventName = oldImage is null ? "INSERT" : newImage is null ? "REMOVE" : "MODIFY";
        var keys = Keys.KeyOf((newImage ?? oldImage)!);
        var change = new JsonObject
        {
            ["ApproximateCreationDateTime"] = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()),
            ["Keys"] = keys,
        };
        if (newImage is not null && ViewType is "NEW_IMAGE" or "NEW_AND_OLD_IMAGES")
        {
            change["NewImage"] = newImage.DeepClone();
        }

        if (oldImage is not null && ViewType is "OLD_IMAGE" or "NEW_AND_OLD_IMAGES")
        {
            change["OldImage"] = oldImage.DeepClone();
        }

        lock (gate)
        {
            Trim(at);
            var sequence = NextSequence++;
            change["SequenceNumber"] = Format(sequence);
            change["SizeBytes"] = AttributeValues.ItemSize(keys) + (change["NewImage"] is JsonObject n ? AttributeValues.ItemSize(n) : 0) + (change["OldImage"] is JsonObject o ? AttributeValues.ItemSize(o) : 0);
            change["StreamViewType"] = ViewType;
            var record = new PersistedStreamRecord(sequence, at, new JsonObject
            {
                ["eventID"] = Guid.NewGuid().ToString("N"),
                ["eventName"] = eventName,
                ["eventVersion"] = "1.1",
                ["eventSource"] = "aws:dynamodb",
                ["awsRegion"] = Region,
                ["dynamodb"] = change,
            });
            records.Add(record);
            return Persistence.AppendStreamRecord(Arn, record);
        }
    }

    /// <summary>Puts back a persisted record and the sequence state (at start, before any append).</summary>
    public void Restore(IReadOnlyList<PersistedStreamRecord> persisted, long nextSequence)
    {
        lock (gate)
        {
            records.AddRange(persisted);
            NextSequence = Math.Max(NextSequence, nextSequence);
        }
    }

    /// <summary>The sequence number of the oldest retained record (the next one when none is retained).</summary>
    public long TrimHorizon(DateTimeOffset now)
    {
        lock (gate)
        {
            Trim(now);
            return records.Count == 0 ? NextSequence : records[0].Sequence;
        }
    }

    /// <summary>Whether a retained record has this sequence number.</summary>
    public bool Contains(long sequence, DateTimeOffset now)
    {
        lock (gate)
        {
            Trim(now);
            return Find(sequence) is var index && index < records.Count && records[index].Sequence == sequence;
        }
    }

    /// <summary>Up to <paramref name="limit"/> records from sequence number <paramref name="from"/> on.</summary>
    public List<JsonObject> Read(long from, int limit, DateTimeOffset now)
    {
        lock (gate)
        {
            Trim(now);
            var start = Find(from);
            return [.. records.Skip(start).Take(limit).Select(r => (JsonObject)r.Record.DeepClone())];
        }
    }

    public string? LastSequenceNumber
    {
        get
        {
            lock (gate)
            {
                return NextSequence == FirstSequence ? null : Format(NextSequence - 1);
            }
        }
    }

    public static string Format(long value) => value.ToString("D21", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Drops the records older than the retention period.</summary>
    private void Trim(DateTimeOffset now)
    {
        var expired = 0;
        while (expired < records.Count && records[expired].Created < now - Retention)
        {
            expired++;
        }

        if (expired > 0)
        {
            records.RemoveRange(0, expired);
            Persistence.TrimStream(Arn, records.Count == 0 ? NextSequence : records[0].Sequence, NextSequence);
        }
    }

    /// <summary>The index of the first record whose sequence number is at least <paramref name="sequence"/>.</summary>
    private int Find(long sequence)
    {
        int low = 0, high = records.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (records[middle].Sequence < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
