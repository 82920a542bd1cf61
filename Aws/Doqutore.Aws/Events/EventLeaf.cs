namespace Doqutore.Aws.Events;

/// <summary>The JSON kind of an event's leaf value.</summary>
internal enum LeafKind : byte { String, Number, True, False, Null }

/// <summary>
/// The array elements a leaf sits in, innermost first: (array id, element index) links. Two leaves taken from
/// different elements of the same array cannot satisfy one rule together (event-ruler's JSON-aware matching).
/// </summary>
internal sealed class ArrayTrail(ArrayTrail? parent, int arrayId, int index)
{
    public ArrayTrail? Parent { get; } = parent;
    public int ArrayId { get; } = arrayId;
    public int Index { get; } = index;

    public static bool Consistent(ArrayTrail? a, ArrayTrail? b)
    {
        for (var x = a; x is not null; x = x.Parent)
        {
            for (var y = b; y is not null; y = y.Parent)
            {
                if (x.ArrayId == y.ArrayId && x.Index != y.Index)
                {
                    return false;
                }
            }
        }
        return true;
    }
}

/// <summary>
/// One leaf value of a flattened event: strings unescaped, numbers as written in the event (their string form is
/// what exact matching compares), with their numeric value when it is within AWS's numeric-matching range.
/// </summary>
internal readonly struct EventLeaf(LeafKind kind, string text, ArrayTrail? trail)
{
    public LeafKind Kind { get; } = kind;
    public string Text { get; } = text;
    public ArrayTrail? Trail { get; } = trail;

    /// <summary>The comparable form (see <see cref="ComparableNumber"/>), or null if not a number in range.</summary>
    public long? Comparable { get; } = kind == LeafKind.Number ? ComparableNumber.FromEventText(text) : null;
}
