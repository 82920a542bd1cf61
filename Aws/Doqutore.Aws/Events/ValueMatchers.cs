// The leaf conditions of a compiled pattern. A field's pattern array is a list of these (OR); each decides one
// event leaf. String-only operators (prefix, suffix, equals-ignore-case, wildcard, cidr) never match a number,
// boolean or null, because event-ruler compares them against the quoted string form of the value.
using System.Collections.Frozen;

namespace Doqutore.Aws.Events;

internal abstract class ValueMatcher
{
    public abstract bool Matches(in EventLeaf leaf);
}

/// <summary>An exact value: a string, or a number/true/false/null compared by its string form.</summary>
internal sealed class ExactMatcher(LeafKind kind, string text) : ValueMatcher
{
    public LeafKind Kind { get; } = kind;
    public string Text { get; } = text;

    public override bool Matches(in EventLeaf leaf) =>
        leaf.Kind == Kind && string.Equals(leaf.Text, Text, StringComparison.Ordinal);
}

internal sealed class PrefixMatcher(string prefix, bool ignoreCase) : ValueMatcher
{
    private readonly StringComparison _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public override bool Matches(in EventLeaf leaf) =>
        leaf.Kind == LeafKind.String && leaf.Text.StartsWith(prefix, _comparison);
}

internal sealed class SuffixMatcher(string suffix, bool ignoreCase) : ValueMatcher
{
    private readonly StringComparison _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public override bool Matches(in EventLeaf leaf) =>
        leaf.Kind == LeafKind.String && leaf.Text.EndsWith(suffix, _comparison);
}

internal sealed class EqualsIgnoreCaseMatcher(string value) : ValueMatcher
{
    public override bool Matches(in EventLeaf leaf) =>
        leaf.Kind == LeafKind.String && string.Equals(leaf.Text, value, StringComparison.OrdinalIgnoreCase);
}

internal sealed class WildcardMatcher(WildcardPattern pattern) : ValueMatcher
{
    public override bool Matches(in EventLeaf leaf) => leaf.Kind == LeafKind.String && pattern.Matches(leaf.Text);
}

/// <summary>Any of a set of strings (the inside of an anything-but list).</summary>
internal sealed class StringSetMatcher(IEnumerable<string> values) : ValueMatcher
{
    private readonly FrozenSet<string> _values = values.ToFrozenSet(StringComparer.Ordinal);

    public override bool Matches(in EventLeaf leaf) => leaf.Kind == LeafKind.String && _values.Contains(leaf.Text);
}

/// <summary>Any of a set of numbers, compared numerically (anything-but numbers are ComparableNumbers in event-ruler).</summary>
internal sealed class NumberSetMatcher(IEnumerable<long> values) : ValueMatcher
{
    private readonly FrozenSet<long> _values = values.ToFrozenSet();

    public override bool Matches(in EventLeaf leaf) => leaf.Comparable is { } value && _values.Contains(value);
}

/// <summary>Any of several matchers (an anything-but list of prefixes, wildcards or ignore-case values).</summary>
internal sealed class AnyOfMatcher(ValueMatcher[] matchers) : ValueMatcher
{
    public override bool Matches(in EventLeaf leaf)
    {
        foreach (var matcher in matchers)
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
/// anything-but: a present value that the inner condition rejects. Values of another type (a number against
/// anything-but strings, null, booleans) are "anything but" and match, as event-ruler's byte machine does; an
/// absent field never matches (event-ruler matches only values that are present).
/// </summary>
internal sealed class AnythingButMatcher(ValueMatcher excluded) : ValueMatcher
{
    public override bool Matches(in EventLeaf leaf) => !excluded.Matches(leaf);
}

/// <summary>A numeric range; bounds are ComparableNumbers. Only JSON numbers in range match.</summary>
internal sealed class NumericMatcher(long? bottom, bool bottomOpen, long? top, bool topOpen) : ValueMatcher
{
    public override bool Matches(in EventLeaf leaf)
    {
        if (leaf.Comparable is not { } value)
        {
            return false;
        }
        if (bottom is { } b && (bottomOpen ? value <= b : value < b))
        {
            return false;
        }
        return top is not { } t || (topOpen ? value < t : value <= t);
    }
}

internal sealed class CidrMatcher(IpRange range) : ValueMatcher
{
    public override bool Matches(in EventLeaf leaf) => leaf.Kind == LeafKind.String && range.Contains(leaf.Text);
}

/// <summary>exists: true matches any leaf (including JSON null, which event-ruler flattens as a value).</summary>
internal sealed class ExistsMatcher : ValueMatcher
{
    public static readonly ExistsMatcher Instance = new();

    public override bool Matches(in EventLeaf leaf) => true;
}

/// <summary>exists: false. Matches no leaf; the field condition is met when the event has no leaf at the path.</summary>
internal sealed class AbsentMatcher : ValueMatcher
{
    public static readonly AbsentMatcher Instance = new();

    public override bool Matches(in EventLeaf leaf) => false;
}
