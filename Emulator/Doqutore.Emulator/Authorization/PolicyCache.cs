using System.Collections.Concurrent;

namespace Doqutore.Emulator.Authorization;

/// <summary>
/// Compiled documents keyed by their text and kind, so a document is parsed once however many principals and
/// requests use it. Replacing a document (a new policy version, a changed inline policy) changes its text and
/// so its key; <see cref="Invalidate"/> drops an old text early. Bounded: when full, it starts over.
/// </summary>
public sealed class PolicyCache(int capacity = 10_000)
{
    private readonly ConcurrentDictionary<(string Text, PolicyDocumentKind Kind), PolicyDocument> _documents = new();

    public int Count => _documents.Count;

    /// <summary>The compiled document; throws <see cref="MalformedPolicyDocumentException"/> for an invalid one (not cached).</summary>
    public PolicyDocument Get(string json, PolicyDocumentKind kind = PolicyDocumentKind.Identity)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (_documents.TryGetValue((json, kind), out var cached))
        {
            return cached;
        }

        var compiled = PolicyDocument.Parse(json, kind);
        if (_documents.Count >= capacity)
        {
            _documents.Clear();
        }

        return _documents.GetOrAdd((json, kind), compiled);
    }

    public void Invalidate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        foreach (var kind in Enum.GetValues<PolicyDocumentKind>())
        {
            _documents.TryRemove((json, kind), out _);
        }
    }

    public void Clear() => _documents.Clear();
}
