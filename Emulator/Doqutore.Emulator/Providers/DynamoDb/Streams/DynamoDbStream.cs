using System.Globalization;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Streams;

/// <summary>
/// One table stream (one per enabling of StreamSpecification): a single shard holding the table's change records in
/// write order, each shaped as GetRecords answers it (reference §7.1). Sequence numbers are 21-digit increasing
/// strings. Disabling a stream keeps it readable (DISABLED, its shard closed), as AWS does for 24 hours.
/// </summary>
internal sealed class DynamoDbStream
{
    private readonly List<JsonObject> records = [];
    private readonly Lock gate = new();
    private long nextSequence = 100000000000000000L;

    public required string Arn { get; init; }

    public required string Label { get; init; }

    public required string TableName { get; init; }

    public required string Region { get; init; }

    public required string ViewType { get; init; }

    public required KeySchema Keys { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public bool Enabled { get; set; } = true;

    /// <summary>The one shard's id, derived from the creation time as AWS's ids are.</summary>
    public string ShardId => $"shardId-{CreatedAt.ToUnixTimeMilliseconds():D20}-{Arn.GetHashCode(StringComparison.Ordinal) & 0x7fffffff:x8}";

    public string FirstSequenceNumber => Sequence(100000000000000000L);

    /// <summary>Records a change: INSERT (no old image), MODIFY, or REMOVE (no new image). Unchanged items write nothing.</summary>
    public void Append(JsonObject? oldImage, JsonObject? newImage, DateTimeOffset at)
    {
        if (!Enabled || (oldImage is not null && newImage is not null && AttributeValues.Equal(new JsonObject { ["M"] = oldImage.DeepClone() }, new JsonObject { ["M"] = newImage.DeepClone() })))
        {
            return;
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
            change["SequenceNumber"] = Sequence(nextSequence++);
            change["SizeBytes"] = AttributeValues.ItemSize(keys) + (change["NewImage"] is JsonObject n ? AttributeValues.ItemSize(n) : 0) + (change["OldImage"] is JsonObject o ? AttributeValues.ItemSize(o) : 0);
            change["StreamViewType"] = ViewType;
            records.Add(new JsonObject
            {
                ["eventID"] = Guid.NewGuid().ToString("N"),
                ["eventName"] = eventName,
                ["eventVersion"] = "1.1",
                ["eventSource"] = "aws:dynamodb",
                ["awsRegion"] = Region,
                ["dynamodb"] = change,
            });
        }
    }

    /// <summary>The index of the first record at or after a position, for iterators.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return records.Count;
            }
        }
    }

    /// <summary>The position of a sequence number (its record's index), or -1 when no record has it.</summary>
    public int IndexOf(string sequenceNumber)
    {
        lock (gate)
        {
            return records.FindIndex(r => (string?)r["dynamodb"]!["SequenceNumber"] == sequenceNumber);
        }
    }

    /// <summary>Up to <paramref name="limit"/> records from position <paramref name="from"/>.</summary>
    public List<JsonObject> Read(int from, int limit)
    {
        lock (gate)
        {
            return [.. records.Skip(from).Take(limit).Select(r => (JsonObject)r.DeepClone())];
        }
    }

    public string? LastSequenceNumber
    {
        get
        {
            lock (gate)
            {
                return records.Count == 0 ? null : (string?)records[^1]["dynamodb"]!["SequenceNumber"];
            }
        }
    }

    private static string Sequence(long value) => value.ToString("D21", CultureInfo.InvariantCulture);
}
