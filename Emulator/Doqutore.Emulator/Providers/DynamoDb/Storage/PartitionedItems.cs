namespace Doqutore.Emulator.Providers.DynamoDb.Storage;

/// <summary>
/// Items by partition (canonical partition-key text, in ordinal order so a Scan's order is stable), each partition
/// a balanced tree ordered by <see cref="StoredItemComparer"/>. A table keeps one for its items and one per
/// secondary index, so a Query touches only its partition and seeks straight to its range or its paging start.
/// Not thread-safe: the table's lock guards it.
/// </summary>
internal sealed class PartitionedItems
{
    private readonly SortedDictionary<string, SortedSet<StoredItem>> partitions = new(StringComparer.Ordinal);

    public long Count { get; private set; }

    /// <summary>The stored place equal to a probe, or null.</summary>
    public StoredItem? Find(string partition, StoredItem probe) =>
        partitions.TryGetValue(partition, out var items) && items.TryGetValue(probe, out var found) ? found : null;

    /// <summary>Adds a place (one equal to it must not be there).</summary>
    public void Add(string partition, StoredItem place)
    {
        if (!partitions.TryGetValue(partition, out var items))
        {
            items = new SortedSet<StoredItem>(StoredItemComparer.Instance);
            partitions[partition] = items;
        }

        if (!items.Add(place))
        {
            throw new InvalidOperationException("An item with the same place is already stored.");
        }

        Count++;
    }

    /// <summary>Removes the place equal to a probe; false when there was none.</summary>
    public bool Remove(string partition, StoredItem probe)
    {
        if (!partitions.TryGetValue(partition, out var items) || !items.Remove(probe))
        {
            return false;
        }

        if (items.Count == 0)
        {
            partitions.Remove(partition);
        }

        Count--;
        return true;
    }

    /// <summary>The places of one partition between two probes (inclusive), in order or in reverse.</summary>
    public IEnumerable<StoredItem> Range(string partition, StoredItem lower, StoredItem upper, bool forward)
    {
        if (!partitions.TryGetValue(partition, out var items) || StoredItemComparer.Instance.Compare(lower, upper) > 0)
        {
            return [];
        }

        // A whole partition needs no view (a view checks its bounds at every step).
        var view = ReferenceEquals(lower, StoredItem.First) && ReferenceEquals(upper, StoredItem.Last) ? items : items.GetViewBetween(lower, upper);
        return forward ? view : view.Reverse();
    }

    /// <summary>
    /// Every place, partitions in order; with a start, only the places after it (its partition's later places,
    /// then the later partitions), as a Scan resumes from its ExclusiveStartKey.
    /// </summary>
    public IEnumerable<(string Partition, StoredItem Place)> All((string Partition, StoredItem Place)? after = null)
    {
        foreach (var (partition, items) in partitions)
        {
            if (after is { } start)
            {
                var order = string.CompareOrdinal(partition, start.Partition);
                if (order < 0)
                {
                    continue;
                }

                if (order == 0)
                {
                    foreach (var place in items.GetViewBetween(start.Place, StoredItem.Last))
                    {
                        if (StoredItemComparer.Instance.Compare(place, start.Place) > 0)
                        {
                            yield return (partition, place);
                        }
                    }

                    continue;
                }
            }

            foreach (var place in items)
            {
                yield return (partition, place);
            }
        }
    }
}
