// A bucket's keys in S3's listing order (ordinal), built so that a listing page costs what it returns: a page
// starts at its marker by binary search, and a common prefix is stepped over by seeking past every key under it.
// The order is kept as a list of sorted chunks (each at most ChunkCapacity keys): an insert or removal moves at
// most one chunk's worth of references instead of the whole key list, and a seek is two binary searches.
// Not thread-safe: the bucket's gate guards it, as it guards the versions it maps to.
using System.Diagnostics.CodeAnalysis;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Key → versions (newest first), enumerable in ordinal key order from any point (see the file header).</summary>
internal sealed class KeyIndex
{
    private const int ChunkCapacity = 512;
    private readonly Dictionary<string, List<S3ObjectVersion>> _versions = new(StringComparer.Ordinal);
    private readonly List<List<string>> _chunks = [];

    public int Count => _versions.Count;

    public IEnumerable<List<S3ObjectVersion>> Values => _versions.Values;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out List<S3ObjectVersion> versions) =>
        _versions.TryGetValue(key, out versions);

    /// <summary>Sets a key's versions, adding the key to the order when it is new.</summary>
    public List<S3ObjectVersion> this[string key]
    {
        set
        {
            if (_versions.TryAdd(key, value))
            {
                Insert(key);
            }
            else
            {
                _versions[key] = value;
            }
        }
    }

    public bool Remove(string key)
    {
        if (!_versions.Remove(key))
        {
            return false;
        }

        var (chunk, index) = Seek(key, inclusive: true);
        var keys = _chunks[chunk];
        keys.RemoveAt(index);
        if (keys.Count == 0)
        {
            _chunks.RemoveAt(chunk);
        }

        return true;
    }

    /// <summary>
    /// The keys from <paramref name="start"/> on (after it unless <paramref name="inclusive"/>; from the first key when
    /// null), in ordinal order, with their versions. The index must not change while this is enumerated.
    /// </summary>
    public IEnumerable<KeyValuePair<string, List<S3ObjectVersion>>> From(string? start, bool inclusive)
    {
        var (chunk, index) = start is null ? (0, 0) : Seek(start, inclusive);
        for (; chunk < _chunks.Count; chunk++, index = 0)
        {
            var keys = _chunks[chunk];
            for (; index < keys.Count; index++)
            {
                yield return new(keys[index], _versions[keys[index]]);
            }
        }
    }

    /// <summary>
    /// What a listing sees under <paramref name="prefix"/> from <paramref name="start"/> on: each key that
    /// <paramref name="counts"/>, or, when <paramref name="delimiter"/> occurs in it after the prefix, the common prefix
    /// up to and including the delimiter, once; the keys under a common prefix are then stepped over by one seek.
    /// </summary>
    public IEnumerable<ListedEntry> Under(string prefix, string? delimiter, string? start, bool inclusive, Func<List<S3ObjectVersion>, bool> counts)
    {
        if (start is null || string.CompareOrdinal(start, prefix) < 0)
        {
            (start, inclusive) = (prefix, true);
        }

        while (start is not null)
        {
            string? next = null;
            foreach (var (key, versions) in From(start, inclusive))
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    yield break;
                }

                if (!counts(versions))
                {
                    continue;
                }

                if (delimiter is not null && key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) is var at and >= 0)
                {
                    var group = key[..(at + delimiter.Length)];
                    yield return new ListedEntry(group, null);
                    next = PastPrefix(group);
                    break;
                }

                yield return new ListedEntry(key, versions);
            }

            (start, inclusive) = (next, true);
        }
    }

    /// <summary>
    /// The least string greater than every string that starts with <paramref name="prefix"/> (ordinal), or null when
    /// there is none; listing from it (inclusive) steps over everything under the prefix.
    /// </summary>
    public static string? PastPrefix(string prefix)
    {
        var end = prefix.Length;
        while (end > 0 && prefix[end - 1] == char.MaxValue)
        {
            end--;
        }

        return end == 0 ? null : string.Concat(prefix.AsSpan(0, end - 1), [(char)(prefix[end - 1] + 1)]);
    }

    private void Insert(string key)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add([key]);
            return;
        }

        var (chunk, index) = Seek(key, inclusive: true);
        if (chunk == _chunks.Count)
        {
            chunk--;
            index = _chunks[chunk].Count;
        }

        var keys = _chunks[chunk];
        keys.Insert(index, key);
        if (keys.Count > ChunkCapacity)
        {
            var half = keys.Count / 2;
            _chunks.Insert(chunk + 1, keys.GetRange(half, keys.Count - half));
            keys.RemoveRange(half, keys.Count - half);
        }
    }

    /// <summary>The position of the first key ≥ <paramref name="key"/> (or &gt; it); (chunk count, 0) when there is none.</summary>
    private (int Chunk, int Index) Seek(string key, bool inclusive)
    {
        // The first chunk whose last key is at or past the bound holds the position.
        int low = 0, high = _chunks.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var last = _chunks[middle][^1];
            var compared = string.CompareOrdinal(last, key);
            if (compared > 0 || (inclusive && compared == 0))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        if (low == _chunks.Count)
        {
            return (low, 0);
        }

        var keys = _chunks[low];
        var found = keys.BinarySearch(key, StringComparer.Ordinal);
        var index = found >= 0 ? (inclusive ? found : found + 1) : ~found;
        return (low, index);
    }
}

/// <summary>A key with its versions, or a common prefix (<see cref="Versions"/> null).</summary>
internal readonly record struct ListedEntry(string Key, List<S3ObjectVersion>? Versions)
{
    public bool IsCommonPrefix => Versions is null;
}
