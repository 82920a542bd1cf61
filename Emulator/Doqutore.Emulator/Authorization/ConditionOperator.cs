namespace Doqutore.Emulator.Authorization;

/// <summary>How a condition compares one request value with one policy value.</summary>
internal enum ConditionComparison
{
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    NumericEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    ArnLike,
    Null,
}

/// <summary>The set operator prefix of a condition operator.</summary>
internal enum ConditionSetQualifier
{
    None,
    ForAnyValue,
    ForAllValues,
}

/// <summary>
/// A parsed condition operator name such as <c>ForAllValues:StringNotLikeIfExists</c>: the comparison, whether it
/// is negated (the Not forms), <c>IfExists</c>, and the set qualifier.
/// </summary>
internal readonly record struct ConditionOperator(ConditionComparison Comparison, bool Negated, bool IfExists, ConditionSetQualifier Qualifier)
{
    private static readonly Dictionary<string, (ConditionComparison Comparison, bool Negated)> Names = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = (ConditionComparison.StringEquals, false),
        ["StringNotEquals"] = (ConditionComparison.StringEquals, true),
        ["StringEqualsIgnoreCase"] = (ConditionComparison.StringEqualsIgnoreCase, false),
        ["StringNotEqualsIgnoreCase"] = (ConditionComparison.StringEqualsIgnoreCase, true),
        ["StringLike"] = (ConditionComparison.StringLike, false),
        ["StringNotLike"] = (ConditionComparison.StringLike, true),
        ["NumericEquals"] = (ConditionComparison.NumericEquals, false),
        ["NumericNotEquals"] = (ConditionComparison.NumericEquals, true),
        ["NumericLessThan"] = (ConditionComparison.NumericLessThan, false),
        ["NumericLessThanEquals"] = (ConditionComparison.NumericLessThanEquals, false),
        ["NumericGreaterThan"] = (ConditionComparison.NumericGreaterThan, false),
        ["NumericGreaterThanEquals"] = (ConditionComparison.NumericGreaterThanEquals, false),
        ["DateEquals"] = (ConditionComparison.DateEquals, false),
        ["DateNotEquals"] = (ConditionComparison.DateEquals, true),
        ["DateLessThan"] = (ConditionComparison.DateLessThan, false),
        ["DateLessThanEquals"] = (ConditionComparison.DateLessThanEquals, false),
        ["DateGreaterThan"] = (ConditionComparison.DateGreaterThan, false),
        ["DateGreaterThanEquals"] = (ConditionComparison.DateGreaterThanEquals, false),
        ["Bool"] = (ConditionComparison.Bool, false),
        ["BinaryEquals"] = (ConditionComparison.BinaryEquals, false),
        ["IpAddress"] = (ConditionComparison.IpAddress, false),
        ["NotIpAddress"] = (ConditionComparison.IpAddress, true),
        // ArnEquals and ArnLike behave the same in IAM: both match each ARN part with wildcards.
        ["ArnEquals"] = (ConditionComparison.ArnLike, false),
        ["ArnLike"] = (ConditionComparison.ArnLike, false),
        ["ArnNotEquals"] = (ConditionComparison.ArnLike, true),
        ["ArnNotLike"] = (ConditionComparison.ArnLike, true),
        ["Null"] = (ConditionComparison.Null, false),
    };

    /// <summary>Parses an operator name; false when IAM would not know it. Names are case-sensitive, as in IAM.</summary>
    public static bool TryParse(string name, out ConditionOperator result)
    {
        result = default;
        var qualifier = ConditionSetQualifier.None;
        var rest = name;
        if (rest.StartsWith("ForAnyValue:", StringComparison.Ordinal))
        {
            qualifier = ConditionSetQualifier.ForAnyValue;
            rest = rest["ForAnyValue:".Length..];
        }
        else if (rest.StartsWith("ForAllValues:", StringComparison.Ordinal))
        {
            qualifier = ConditionSetQualifier.ForAllValues;
            rest = rest["ForAllValues:".Length..];
        }

        var ifExists = false;
        if (rest.EndsWith("IfExists", StringComparison.Ordinal))
        {
            ifExists = true;
            rest = rest[..^"IfExists".Length];
        }

        if (!Names.TryGetValue(rest, out var entry) || (ifExists && entry.Comparison == ConditionComparison.Null))
        {
            return false;
        }

        result = new ConditionOperator(entry.Comparison, entry.Negated, ifExists, qualifier);
        return true;
    }
}
