using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;
using Doqutore.Emulator.Providers.DynamoDb.Persistence;
using Doqutore.Emulator.Providers.DynamoDb.Storage;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>A global or local secondary index: its key schema and projection (ALL, KEYS_ONLY or INCLUDE).</summary>
internal sealed class SecondaryIndex
{
    public required string Name { get; init; }

    public required KeySchema Keys { get; init; }

    public required JsonObject Projection { get; init; }

    public bool Global { get; init; } = true;

    public JsonObject? ProvisionedThroughput { get; set; }

    /// <summary>The index's items, kept by the table (<see cref="DynamoDbTable.AddIndex"/>).</summary>
    public PartitionedItems Items { get; } = new();

    /// <summary>Whether an attribute of an indexed item is copied into this index.</summary>
    public bool Projects(string attribute, KeySchema tableKeys) =>
        (string?)Projection["ProjectionType"] switch
        {
            "KEYS_ONLY" => Keys.Names.Contains(attribute) || tableKeys.Names.Contains(attribute),
            "INCLUDE" => Keys.Names.Contains(attribute) || tableKeys.Names.Contains(attribute) ||
                         (Projection["NonKeyAttributes"] as JsonArray)?.Any(a => (string?)a == attribute) == true,
            _ => true,
        };
}

/// <summary>
/// One table: its definition, its items and its secondary indexes' items. Items live in
/// <see cref="PartitionedItems"/> (partitions by canonical partition-key text, which gives Scan a stable order, each
/// a tree in sort-key order); every secondary index keeps its own, ordered by its keys, updated with every write, so
/// a Query on an index touches only its partition. Stored items are never changed in place (a write stores a new
/// object), so a reader may hand one out after the lock. Every access goes through <see cref="Gate"/>.
/// </summary>
internal sealed class DynamoDbTable
{
    private readonly PartitionedItems items = new();

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string TableId { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>Where writes are made durable (set by the store; nothing in memory mode).</summary>
    public IDynamoDbPersistence Persistence { get; set; } = NoPersistence.Instance;

    public required KeySchema Keys { get; init; }

    public required JsonArray AttributeDefinitions { get; set; }

    public List<SecondaryIndex> Indexes { get; } = [];

    public string BillingMode { get; set; } = "PROVISIONED";

    public JsonObject? ProvisionedThroughput { get; set; }

    public JsonObject? StreamSpecification { get; set; }

    public string? LatestStreamLabel { get; set; }

    public string? LatestStreamArn { get; set; }

    public bool DeletionProtectionEnabled { get; set; }

    public JsonArray? Tags { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public object Gate { get; } = new();

    /// <summary>The enabled stream changes are written to, or null.</summary>
    public Streams.DynamoDbStream? Stream { get; set; }

    /// <summary>The clock stamping stream records.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public long ItemCount => items.Count;

    public long SizeBytes { get; private set; }

    public bool StreamEnabled => StreamSpecification?["StreamEnabled"]?.GetValue<bool>() == true;

    public SecondaryIndex? Index(string name) => Indexes.FirstOrDefault(i => i.Name == name);

    /// <summary>Adds a secondary index and fills it from the items already stored (as AWS backfills a new GSI).</summary>
    public void AddIndex(SecondaryIndex index)
    {
        Indexes.Add(index);
        foreach (var (_, place) in items.All())
        {
            AddToIndex(index, place.Item!, Keys.CanonicalKey(place.Item!), place.Size);
        }
    }

    public JsonObject? Get(JsonObject key) =>
        items.Find(KeySchema.Canonical((JsonObject)key[Keys.PartitionKey]!), Place(key, string.Empty, null))?.Item;

    /// <summary>Stores an item (replacing the one with the same key); returns the persistence ticket to wait on after the lock.</summary>
    public long Put(JsonObject item)
    {
        var partition = KeySchema.Canonical((JsonObject)item[Keys.PartitionKey]!);
        var tableKey = Keys.CanonicalKey(item);
        var size = AttributeValues.ItemSize(item);
        var place = new StoredItem(SortOf(item, Keys), string.Empty, item) { Size = size };
        var replaced = items.Find(partition, place);
        var old = replaced?.Item;
        if (old is not null)
        {
            items.Remove(partition, place);
            RemoveFromIndexes(old, tableKey);
        }

        items.Add(partition, place);
        foreach (var index in Indexes)
        {
            AddToIndex(index, item, tableKey, size);
        }

        var ticket = Persistence.PutItem(AccountId, Region, Name, tableKey, item);
        SizeBytes += size - (replaced?.Size ?? 0);
        return Math.Max(ticket, Stream?.Append(old, item, Clock.GetUtcNow()) ?? 0);
    }

    /// <summary>Removes the item with this key (if any); returns the persistence ticket to wait on after the lock.</summary>
    public long Delete(JsonObject key)
    {
        var partition = KeySchema.Canonical((JsonObject)key[Keys.PartitionKey]!);
        var probe = Place(key, string.Empty, null);
        if (items.Find(partition, probe) is not { Item: { } old } removed)
        {
            return 0;
        }

        var tableKey = Keys.CanonicalKey(key);
        items.Remove(partition, probe);
        RemoveFromIndexes(old, tableKey);
        var ticket = Persistence.DeleteItem(AccountId, Region, Name, tableKey);
        SizeBytes -= removed.Size;
        return Math.Max(ticket, Stream?.Append(old, null, Clock.GetUtcNow()) ?? 0);
    }

    /// <summary>
    /// The items of one partition of the table or of an index, in sort-key order (or reversed), whose sort key meets
    /// the condition, after <paramref name="start"/> (an ExclusiveStartKey) when given: the tree is entered at the
    /// range's bound or the start key, so neither a large table nor a deep page costs a walk.
    /// </summary>
    public IEnumerable<JsonObject> Query(SecondaryIndex? index, JsonObject partitionValue, SortKeyCondition? condition, JsonObject? start, bool forward)
    {
        var keys = index?.Keys ?? Keys;
        var (lower, upper) = Bounds(condition, keys.SortType);
        StoredItem? after = null;
        if (start is not null)
        {
            after = Place(start, keys, index is null ? string.Empty : Keys.CanonicalKey(start), null, 0);
            if (forward && StoredItemComparer.Instance.Compare(after, lower) > 0)
            {
                lower = after;
            }
            else if (!forward && StoredItemComparer.Instance.Compare(after, upper) < 0)
            {
                upper = after;
            }
        }

        var places = (index?.Items ?? items).Range(KeySchema.Canonical(partitionValue), lower, upper, forward);
        return (after is null ? places : places.Where(p => StoredItemComparer.Instance.Compare(p, after) != 0)).Select(p => p.Item!);
    }

    /// <summary>Every item of the table or of an index (partitions in canonical-key order), after <paramref name="start"/> when given.</summary>
    public IEnumerable<JsonObject> Scan(SecondaryIndex? index, JsonObject? start)
    {
        var keys = index?.Keys ?? Keys;
        (string, StoredItem)? after = start is null
            ? null
            : (KeySchema.Canonical((JsonObject)start[keys.PartitionKey]!), Place(start, keys, index is null ? string.Empty : Keys.CanonicalKey(start), null, 0));
        return (index?.Items ?? items).All(after).Select(p => p.Place.Item!);
    }

    /// <summary>The number and total size of the items an index holds.</summary>
    public (long Count, long Bytes) IndexStatistics(SecondaryIndex index) =>
        (index.Items.Count, index.Items.All().Sum(p => p.Place.Size));

    private StoredItem Place(JsonObject item, string tableKey, JsonObject? stored) => Place(item, Keys, tableKey, stored, 0);

    private static StoredItem Place(JsonObject item, KeySchema keys, string tableKey, JsonObject? stored, sbyte edge) =>
        new(SortOf(item, keys), tableKey, stored, edge);

    private static SortValue SortOf(JsonObject item, KeySchema keys) =>
        keys.SortKey is null ? SortValue.None : SortValue.Of(item[keys.SortKey] as JsonObject);

    private static void AddToIndex(SecondaryIndex index, JsonObject item, string tableKey, long size)
    {
        if (index.Keys.Indexes(item))
        {
            index.Items.Add(KeySchema.Canonical((JsonObject)item[index.Keys.PartitionKey]!), new StoredItem(SortOf(item, index.Keys), tableKey, item) { Size = size });
        }
    }

    private void RemoveFromIndexes(JsonObject old, string tableKey)
    {
        foreach (var index in Indexes.Where(i => i.Keys.Indexes(old)))
        {
            index.Items.Remove(KeySchema.Canonical((JsonObject)old[index.Keys.PartitionKey]!), Place(old, index.Keys, tableKey, null, 0));
        }
    }

    /// <summary>The probes bounding a sort-key condition's range (inclusive; a probe never equals a stored place).</summary>
    private static (StoredItem Lower, StoredItem Upper) Bounds(SortKeyCondition? condition, string? sortType)
    {
        if (condition is null)
        {
            return (StoredItem.First, StoredItem.Last);
        }

        var value = SortValue.Of(condition.Values[0]);
        StoredItem Before(SortValue v) => new(v, string.Empty, null, -1);
        StoredItem After(SortValue v) => new(v, string.Empty, null, 1);
        return condition.Operator switch
        {
            "EQ" => (Before(value), After(value)),
            "LT" => (StoredItem.First, Before(value)),
            "LE" => (StoredItem.First, After(value)),
            "GT" => (After(value), StoredItem.Last),
            "GE" => (Before(value), StoredItem.Last),
            "BETWEEN" => (Before(value), After(SortValue.Of(condition.Values[1]))),
            _ when sortType is "S" or "B" => (Before(value), Before(value.PrefixEnd())),
            _ => (StoredItem.First, StoredItem.Last),
        };
    }
}
