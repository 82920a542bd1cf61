namespace Doqutore.Aws.Events;

/// <summary>One field of a rule: the event leaves at <see cref="Path"/> must include one that a matcher accepts,
/// or, if <see cref="AllowsAbsent"/> (exists: false), the event may have no leaf at the path.</summary>
internal sealed class FieldCondition(string path, ValueMatcher[] matchers)
{
    public string Path { get; } = path;
    public ValueMatcher[] Matchers { get; } = matchers;
    public bool AllowsAbsent { get; } = matchers.Any(m => m is AbsentMatcher);

    public bool Accepts(in EventLeaf leaf)
    {
        foreach (var matcher in Matchers)
        {
            if (matcher.Matches(leaf))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>
/// One alternative of a pattern after <c>$or</c> expansion: every field must hold. The leaves chosen for the
/// fields must come from the same element of any array they share (a backtracking search; events without
/// arrays of objects never backtrack).
/// </summary>
internal sealed class CompiledRule(FieldCondition[] fields)
{
    public FieldCondition[] Fields { get; } = fields;

    /// <summary>Whether the event holds; <paramref name="slots"/> are the slots of <see cref="Fields"/> in the
    /// <see cref="NamedPaths"/> the event was flattened for.</summary>
    public bool Matches(FlatEvent flat, int[] slots) => Search(flat, slots, 0, flat.Chosen(Fields.Length), 0);

    private bool Search(FlatEvent flat, int[] slots, int field, ArrayTrail?[] chosen, int chosenCount)
    {
        if (field == Fields.Length)
        {
            return true;
        }
        var condition = Fields[field];
        var leaves = flat.Leaves(slots[field]);
        if (leaves.IsEmpty)
        {
            return condition.AllowsAbsent && Search(flat, slots, field + 1, chosen, chosenCount);
        }
        foreach (ref readonly var leaf in leaves)
        {
            if (!condition.Accepts(leaf) || !ConsistentWithChosen(leaf.Trail, chosen, chosenCount))
            {
                continue;
            }
            if (leaf.Trail is null)
            {
                return Search(flat, slots, field + 1, chosen, chosenCount);
            }
            chosen[chosenCount] = leaf.Trail;
            if (Search(flat, slots, field + 1, chosen, chosenCount + 1))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ConsistentWithChosen(ArrayTrail? trail, ArrayTrail?[] chosen, int count)
    {
        if (trail is null)
        {
            return true;
        }
        for (var i = 0; i < count; i++)
        {
            if (!ArrayTrail.Consistent(trail, chosen[i]))
            {
                return false;
            }
        }
        return true;
    }
}
