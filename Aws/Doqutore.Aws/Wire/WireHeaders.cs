using System.Collections;

namespace Doqutore.Aws.Wire;

/// <summary>HTTP headers: case-insensitive names, order kept, a name may repeat.</summary>
public sealed class WireHeaders : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public int Count => _items.Count;

    /// <summary>The first value of a header, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in _items)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return null;
        }

        set
        {
            Remove(name);
            if (value is not null)
            {
                _items.Add(new(name, value));
            }
        }
    }

    public void Add(string name, string value) => _items.Add(new(name, value));

    public bool Contains(string name) => this[name] is not null;

    public IEnumerable<string> GetValues(string name) =>
        _items.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public void Remove(string name) => _items.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
