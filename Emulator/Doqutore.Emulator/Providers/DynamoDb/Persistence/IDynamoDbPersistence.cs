using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Persistence;

/// <summary>A persisted table: where it lives, its definition (<see cref="TableDefinitions"/>) and its items.</summary>
internal sealed record PersistedTable(string AccountId, string Region, JsonObject Definition, IReadOnlyList<JsonObject> Items);

/// <summary>A persisted stream: its definition (<see cref="StreamDefinitions"/>) and its retained records in sequence order.</summary>
internal sealed record PersistedStream(string AccountId, string Region, JsonObject Definition, long NextSequence, IReadOnlyList<PersistedStreamRecord> Records);

/// <summary>One stream record as GetRecords answers it, with its sequence number and creation time (for trimming).</summary>
internal sealed record PersistedStreamRecord(long Sequence, DateTimeOffset Created, JsonObject Record);

/// <summary>
/// Where DynamoDB's state is made durable. The in-memory tables stay the read model. Every write is queued in the
/// order the caller makes it (under the table's lock, so the queue's order is the order of the changes) and
/// answers a ticket; <see cref="WaitDurable"/> returns once the write with that ticket, and every write queued
/// before it, is committed. Callers wait after releasing the table's lock, so concurrent writers share one
/// commit (group commit) and an acknowledged write is always on disk. Whatever the process dies with, the disk
/// holds a prefix of the changes, never a gap.
/// </summary>
internal interface IDynamoDbPersistence
{
    IReadOnlyList<PersistedTable> LoadTables();

    /// <summary>The persisted streams, without the records created before <paramref name="trimBefore"/> (which are deleted).</summary>
    IReadOnlyList<PersistedStream> LoadStreams(DateTimeOffset trimBefore);

    long SaveTable(string accountId, string region, JsonObject definition);

    long DeleteTable(string accountId, string region, string table);

    long PutItem(string accountId, string region, string table, string key, JsonObject item);

    long DeleteItem(string accountId, string region, string table, string key);

    long SaveStream(string accountId, string region, JsonObject definition);

    long DeleteStream(string streamArn);

    long AppendStreamRecord(string streamArn, PersistedStreamRecord record);

    /// <summary>Deletes a stream's records before a sequence number and remembers the next sequence number to hand out.</summary>
    long TrimStream(string streamArn, long before, long nextSequence);

    /// <summary>Returns once the write with this ticket (and every earlier one) is committed; throws if its commit failed.</summary>
    void WaitDurable(long ticket);

    void Clear();
}

/// <summary>In-memory mode (no data directory): nothing is persisted.</summary>
internal sealed class NoPersistence : IDynamoDbPersistence
{
    public static NoPersistence Instance { get; } = new();

    public IReadOnlyList<PersistedTable> LoadTables() => [];

    public IReadOnlyList<PersistedStream> LoadStreams(DateTimeOffset trimBefore) => [];

    public long SaveTable(string accountId, string region, JsonObject definition) => 0;

    public long DeleteTable(string accountId, string region, string table) => 0;

    public long PutItem(string accountId, string region, string table, string key, JsonObject item) => 0;

    public long DeleteItem(string accountId, string region, string table, string key) => 0;

    public long SaveStream(string accountId, string region, JsonObject definition) => 0;

    public long DeleteStream(string streamArn) => 0;

    public long AppendStreamRecord(string streamArn, PersistedStreamRecord record) => 0;

    public long TrimStream(string streamArn, long before, long nextSequence) => 0;

    public void WaitDurable(long ticket)
    {
    }

    public void Clear()
    {
    }
}
