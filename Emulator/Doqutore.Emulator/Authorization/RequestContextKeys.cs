namespace Doqutore.Emulator.Authorization;

/// <summary>
/// The condition keys of one request and their values (a key may have several: <c>aws:TagKeys</c>). Key
/// lookup is case-insensitive, as IAM's is. Keys the principal supplies (<c>aws:username</c>,
/// <c>aws:PrincipalTag/…</c>) need not be added; a value added here takes precedence over them.
/// </summary>
public sealed class RequestContextKeys
{
    public static readonly RequestContextKeys Empty = new();

    private readonly Dictionary<string, string[]> _values = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _values.Count;

    public IEnumerable<KeyValuePair<string, string[]>> All => _values;

    /// <summary>Sets a key's values (replacing any earlier ones) and returns this, for chaining.</summary>
    public RequestContextKeys Set(string key, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(values);
        if (ReferenceEquals(this, Empty))
        {
            throw new InvalidOperationException("RequestContextKeys.Empty is shared and cannot be changed.");
        }

        _values[key] = values;
        return this;
    }

    public bool TryGet(string key, out string[] values) => _values.TryGetValue(key, out values!);
}
