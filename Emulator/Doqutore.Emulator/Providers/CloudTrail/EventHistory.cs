using System.Collections.Concurrent;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// CloudTrail's Event history: every management event of an account and region for 90 days, independent of
/// trails; LookupEvents reads it. Bounded in memory to the newest <see cref="Capacity"/> events per account and
/// region (AWS keeps all 90 days; the emulator drops the oldest beyond the bound, 1% at a time).
/// </summary>
public sealed class EventHistory(TimeProvider clock) : IResettable
{
    public const int DefaultCapacity = 100_000;

    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    private readonly ConcurrentDictionary<(string Account, string Region), Partition> _partitions = new();

    private long _sequence;

    public int Capacity { get; init; } = DefaultCapacity;

    public void Add(RecordedEvent recorded)
    {
        var record = recorded.Record;
        var partition = _partitions.GetOrAdd((record.AccountId, record.Region), static _ => new Partition());
        // The history keeps the facts and the text, not the JSON tree (several KB per event, 100,000 events per
        // partition): LookupEvents reads only those.
        var entry = new HistoryEntry(record with { Record = [] }, Interlocked.Increment(ref _sequence)) { Json = recorded.Json };
        lock (partition.Gate)
        {
            partition.Insert(entry);
            partition.Trim(Capacity, clock.GetUtcNow() - Retention);
        }
    }

    /// <summary>The events of an account and region, newest first, within the retention period.</summary>
    public IReadOnlyList<HistoryEntry> NewestFirst(string accountId, string region)
    {
        if (!_partitions.TryGetValue((accountId, region), out var partition))
        {
            return [];
        }

        var oldest = clock.GetUtcNow() - Retention;
        lock (partition.Gate)
        {
            var result = new List<HistoryEntry>(partition.Entries.Count);
            for (var i = partition.Entries.Count - 1; i >= 0 && partition.Entries[i].Record.EventTime >= oldest; i--)
            {
                result.Add(partition.Entries[i]);
            }

            return result;
        }
    }

    public void Reset() => _partitions.Clear();

    /// <summary>The events of one account and region, oldest first by (eventTime, arrival sequence).</summary>
    private sealed class Partition
    {
        public Lock Gate { get; } = new();

        public List<HistoryEntry> Entries { get; } = [];

        public void Insert(HistoryEntry entry)
        {
            // Records come nearly in eventTime order: walk back from the end to the insertion point.
            var index = Entries.Count;
            while (index > 0 && Entries[index - 1].CompareTo(entry) > 0)
            {
                index--;
            }

            Entries.Insert(index, entry);
        }

        public void Trim(int capacity, DateTimeOffset oldest)
        {
            // Beyond capacity, drop in chunks of 1% so a full history does not shift its list on every insert.
            var drop = Entries.Count > capacity ? Entries.Count - capacity + (capacity / 100) : 0;
            while (drop < Entries.Count && Entries[drop].Record.EventTime < oldest)
            {
                drop++;
            }

            if (drop > 0)
            {
                Entries.RemoveRange(0, drop);
            }
        }
    }
}

/// <summary>An event in the history, with its arrival sequence (the tie-break of equal eventTimes) and its JSON text.</summary>
public sealed record HistoryEntry(CloudTrailRecord Record, long Sequence) : IComparable<HistoryEntry>
{
    /// <summary>The record as JSON text: LookupEvents' <c>CloudTrailEvent</c>.</summary>
    public string Json { get; init; } = "{}";

    public int CompareTo(HistoryEntry? other) =>
        other is null ? 1 : Record.EventTime != other.Record.EventTime ? Record.EventTime.CompareTo(other.Record.EventTime) : Sequence.CompareTo(other.Sequence);
}
