using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>A global or local secondary index: its key schema and projection (ALL, KEYS_ONLY or INCLUDE).</summary>
internal sealed class SecondaryIndex
{
    public required string Name { get; init; }

    public required KeySchema Keys { get; init; }

    public required JsonObject Projection { get; init; }

    public bool Global { get; init; } = true;

    public JsonObject? ProvisionedThroughput { get; set; }

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
/// One table: its definition and its items. Items live in a sorted map of partitions (by canonical partition-key
/// text, which gives Scan a stable order) each holding its items in sort-key order. Every access goes through
/// <see cref="Gate"/>; a table is small enough that one lock per table costs little in the emulator.
/// </summary>
internal sealed class DynamoDbTable
{
    private readonly SortedDictionary<string, SortedList<JsonObject, JsonObject>> partitions = new(StringComparer.Ordinal);

    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string TableId { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>Where writes are made durable (set by the store; nothing in memory mode).</summary>
    public Persistence.IDynamoDbPersistence Persistence { get; set; } = new Persistence.NoPersistence();

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

    public long ItemCount { get; private set; }

    public long SizeBytes { get; private set; }

    public bool StreamEnabled => StreamSpecification?["StreamEnabled"]?.GetValue<bool>() == true;

    public SecondaryIndex? Index(string name) => Indexes.FirstOrDefault(i => i.Name == name);

    public JsonObject? Get(JsonObject key)
    {
        return partitions.TryGetValue(KeySchema.Canonical((JsonObject)key[Keys.PartitionKey]!), out var partition) &&
               partition.TryGetValue(SortValue(key), out var item)
            ? item
            : null;
    }

    /// <summary>Stores an item (replacing the one with the same key) and returns the one it replaced.</summary>
    public JsonObject? Put(JsonObject item)
    {
        var partitionKey = KeySchema.Canonical((JsonObject)item[Keys.PartitionKey]!);
        if (!partitions.TryGetValue(partitionKey, out var partition))
        {
            partition = new SortedList<JsonObject, JsonObject>(SortKeyComparer.Instance);
            partitions[partitionKey] = partition;
        }

        var sort = SortValue(item);
        Persistence.PutItem(AccountId, Region, Name, Keys.CanonicalKey(item), item);
        partition.TryGetValue(sort, out var old);
        partition[sort] = item;
        ItemCount += old is null ? 1 : 0;
        Stream?.Append(old, item, Clock.GetUtcNow());
        SizeBytes += AttributeValues.ItemSize(item) - (old is null ? 0 : AttributeValues.ItemSize(old));
        return old;
    }

    /// <summary>Removes the item with this key and returns it (null when there was none).</summary>
    public JsonObject? Delete(JsonObject key)
    {
        var partitionKey = KeySchema.Canonical((JsonObject)key[Keys.PartitionKey]!);
        if (!partitions.TryGetValue(partitionKey, out var partition) || !partition.Remove(SortValue(key), out var old))
        {
            return null;
        }

        Persistence.DeleteItem(AccountId, Region, Name, Keys.CanonicalKey(key));

        if (partition.Count == 0)
        {
            partitions.Remove(partitionKey);
        }

        ItemCount--;
        Stream?.Append(old, null, Clock.GetUtcNow());
        SizeBytes -= AttributeValues.ItemSize(old);
        return old;
    }

    /// <summary>The items of one partition in sort-key order.</summary>
    public IEnumerable<JsonObject> Partition(JsonObject partitionValue) =>
        partitions.TryGetValue(KeySchema.Canonical(partitionValue), out var partition) ? partition.Values : [];

    /// <summary>All items: partitions in canonical-key order, items in sort-key order.</summary>
    public IEnumerable<JsonObject> All() => partitions.Values.SelectMany(p => p.Values);

    private JsonObject SortValue(JsonObject item) => Keys.SortKey is null ? NoSortKey : (JsonObject)item[Keys.SortKey]!;

    private static readonly JsonObject NoSortKey = new() { ["S"] = string.Empty };
}

/// <summary>Orders sort-key values of one type (as DynamoDB does: numbers by value, strings and binaries by bytes).</summary>
internal sealed class SortKeyComparer : IComparer<JsonObject?>
{
    public static SortKeyComparer Instance { get; } = new();

    public int Compare(JsonObject? x, JsonObject? y) => AttributeValues.CompareScalars(x, y) ?? 0;
}
