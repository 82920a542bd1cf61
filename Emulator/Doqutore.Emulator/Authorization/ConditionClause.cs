using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Doqutore.Emulator.Authorization;

/// <summary>
/// One key under one operator of a Condition block, with its policy values compiled for the operator's
/// comparison (numbers, dates, CIDR blocks parsed once).
/// </summary>
/// <remarks>
/// Semantics, from the IAM User Guide (condition operators; single- and multivalued context keys):
/// <list type="bullet">
/// <item>Several policy values for the key are OR'ed: a request value matches when it matches any of them.</item>
/// <item>Negated operators (StringNotEquals, NotIpAddress, …) are true when no request value matches any policy value.</item>
/// <item>Key absent from the request: <c>…IfExists</c> is true; ForAllValues is true (vacuously); ForAnyValue is false;
/// a negated operator is true; any other operator is false. <c>Null</c> tests exactly presence.</item>
/// <item>ForAnyValue: some request value satisfies the operator; ForAllValues: every request value does.</item>
/// <item>A request or policy value that does not parse for the comparison (a non-number for Numeric*) matches nothing.</item>
/// </list>
/// </remarks>
internal sealed class ConditionClause
{
    private readonly PolicyPattern[] _patterns;
    private readonly decimal?[] _numbers;
    private readonly DateTimeOffset?[] _dates;
    private readonly IpRange?[] _ranges;

    public ConditionClause(ConditionOperator op, string key, IReadOnlyList<string> values, bool variablesEnabled)
    {
        Operator = op;
        Key = key;
        _patterns = [.. values.Select(v => PolicyPattern.Compile(v, variablesEnabled && AllowsVariables(op.Comparison)))];
        _numbers = IsNumeric(op.Comparison) ? [.. values.Select(ParseNumber)] : [];
        _dates = IsDate(op.Comparison) ? [.. values.Select(ParseDate)] : [];
        _ranges = op.Comparison == ConditionComparison.IpAddress ? [.. values.Select(IpRange.Parse)] : [];
    }

    public ConditionOperator Operator { get; }

    public string Key { get; }

    public bool Evaluate(in EvaluationScope scope)
    {
        var present = scope.TryGetValues(Key, out var requestValues) && requestValues.Count > 0;
        if (Operator.Comparison == ConditionComparison.Null)
        {
            foreach (var pattern in _patterns)
            {
                if (string.Equals(pattern.Text, "true", StringComparison.OrdinalIgnoreCase) != present)
                {
                    return true;
                }
            }

            return false;
        }

        if (!present)
        {
            return Operator.IfExists || Operator.Qualifier switch
            {
                ConditionSetQualifier.ForAllValues => true,
                ConditionSetQualifier.ForAnyValue => false,
                _ => Operator.Negated,
            };
        }

        switch (Operator.Qualifier)
        {
            case ConditionSetQualifier.ForAllValues:
                foreach (var value in requestValues)
                {
                    if (MatchesAny(value, scope) == Operator.Negated)
                    {
                        return false;
                    }
                }

                return true;
            case ConditionSetQualifier.ForAnyValue:
                foreach (var value in requestValues)
                {
                    if (MatchesAny(value, scope) != Operator.Negated)
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var value in requestValues)
                {
                    if (MatchesAny(value, scope))
                    {
                        return !Operator.Negated;
                    }
                }

                return Operator.Negated;
        }
    }

    /// <summary>Whether one request value matches any policy value under the positive form of the comparison.</summary>
    private bool MatchesAny(string value, in EvaluationScope scope)
    {
        switch (Operator.Comparison)
        {
            case ConditionComparison.StringEquals:
            case ConditionComparison.StringEqualsIgnoreCase:
            case ConditionComparison.BinaryEquals:
                var comparison = Operator.Comparison == ConditionComparison.StringEqualsIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                foreach (var pattern in _patterns)
                {
                    if (pattern.TryRenderPlain(scope, out var text) && string.Equals(value, text, comparison))
                    {
                        return true;
                    }
                }

                return false;
            case ConditionComparison.StringLike:
            case ConditionComparison.ArnLike:
                foreach (var pattern in _patterns)
                {
                    if (!pattern.TryRenderForMatch(scope, out var glob, out var escaped))
                    {
                        continue;
                    }

                    var matched = Operator.Comparison == ConditionComparison.StringLike
                        ? Wildcard.Match(glob, value, ignoreCase: false, escaped)
                        : Wildcard.MatchArn(glob, value, escaped);
                    if (matched)
                    {
                        return true;
                    }
                }

                return false;
            case ConditionComparison.Bool:
                foreach (var pattern in _patterns)
                {
                    if (string.Equals(pattern.Text, value, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                return false;
            case ConditionComparison.IpAddress:
                if (!IPAddress.TryParse(value, out var address))
                {
                    return false;
                }

                foreach (var range in _ranges)
                {
                    if (range is not null && range.Contains(address))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return IsNumeric(Operator.Comparison) ? MatchesNumber(value) : MatchesDate(value);
        }
    }

    private bool MatchesNumber(string value)
    {
        if (ParseNumber(value) is not { } number)
        {
            return false;
        }

        foreach (var policyNumber in _numbers)
        {
            if (policyNumber is { } bound && Compare(number.CompareTo(bound)))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesDate(string value)
    {
        if (ParseDate(value) is not { } date)
        {
            return false;
        }

        foreach (var policyDate in _dates)
        {
            if (policyDate is { } bound && Compare(date.CompareTo(bound)))
            {
                return true;
            }
        }

        return false;
    }

    private bool Compare(int order) => Operator.Comparison switch
    {
        ConditionComparison.NumericEquals or ConditionComparison.DateEquals => order == 0,
        ConditionComparison.NumericLessThan or ConditionComparison.DateLessThan => order < 0,
        ConditionComparison.NumericLessThanEquals or ConditionComparison.DateLessThanEquals => order <= 0,
        ConditionComparison.NumericGreaterThan or ConditionComparison.DateGreaterThan => order > 0,
        _ => order >= 0,
    };

    private static bool AllowsVariables(ConditionComparison comparison) =>
        comparison is ConditionComparison.StringEquals or ConditionComparison.StringEqualsIgnoreCase or ConditionComparison.StringLike or ConditionComparison.ArnLike;

    private static bool IsNumeric(ConditionComparison comparison) =>
        comparison is >= ConditionComparison.NumericEquals and <= ConditionComparison.NumericGreaterThanEquals;

    private static bool IsDate(ConditionComparison comparison) =>
        comparison is >= ConditionComparison.DateEquals and <= ConditionComparison.DateGreaterThanEquals;

    private static decimal? ParseNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>ISO 8601 (<c>2026-11-30T12:00:00Z</c>, <c>2026-11-30</c>) or epoch seconds, as the Date operators accept.</summary>
    private static DateTimeOffset? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return epoch is >= -62135596800 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(epoch) : null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
    }

    /// <summary>An IPv4 or IPv6 CIDR block (a bare address is a /32 or /128); host bits in the base are ignored.</summary>
    private sealed class IpRange(byte[] network, int prefix, AddressFamily family)
    {
        public static IpRange? Parse(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address))
            {
                return null;
            }

            var bytes = address.GetAddressBytes();
            var prefix = bytes.Length * 8;
            if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
            {
                return null;
            }

            return new IpRange(bytes, prefix, address.AddressFamily);
        }

        public bool Contains(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6 && family == AddressFamily.InterNetwork)
            {
                address = address.MapToIPv4();
            }

            if (address.AddressFamily != family)
            {
                return false;
            }

            Span<byte> bytes = stackalloc byte[16];
            if (!address.TryWriteBytes(bytes, out var written) || written != network.Length)
            {
                return false;
            }

            var full = prefix / 8;
            if (!bytes[..full].SequenceEqual(network.AsSpan(0, full)))
            {
                return false;
            }

            var rest = prefix % 8;
            if (rest == 0)
            {
                return true;
            }

            var mask = (byte)(0xFF << (8 - rest));
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
