using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Storage;

/// <summary>
/// An item's place in a partition: its sort value and, in a secondary index (where several items may share a sort
/// value), the canonical table key that makes the place unique. A probe (no item) with <see cref="Edge"/> −1 or +1
/// sits before or after every place with the same sort value, whatever its table key.
/// </summary>
internal sealed class StoredItem(SortValue sort, string tableKey, JsonObject? item, sbyte edge = 0)
{
    public SortValue Sort { get; } = sort;

    public string TableKey { get; } = tableKey;

    public JsonObject? Item { get; } = item;

    public sbyte Edge { get; } = edge;

    /// <summary>The item's size as DynamoDB counts it (kept so a replaced item's size needs no second walk).</summary>
    public long Size { get; init; }

    /// <summary>A probe before every place.</summary>
    public static StoredItem First { get; } = new(SortValue.Min, string.Empty, null, -1);

    /// <summary>A probe after every place.</summary>
    public static StoredItem Last { get; } = new(SortValue.Max, string.Empty, null, 1);
}

/// <summary>Orders places: by sort value, then edge, then table key (bytewise on the canonical text).</summary>
internal sealed class StoredItemComparer : IComparer<StoredItem>
{
    public static StoredItemComparer Instance { get; } = new();

    public int Compare(StoredItem? x, StoredItem? y)
    {
        var order = x!.Sort.CompareTo(y!.Sort);
        if (order != 0)
        {
            return order;
        }

        order = x.Edge.CompareTo(y.Edge);
        return order != 0 ? order : string.CompareOrdinal(x.TableKey, y.TableKey);
    }
}
