using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>
/// DynamoDB AttributeValues in their wire shape (<c>{"S": "x"}</c>, <c>{"N": "1"}</c>, <c>{"SS": [...]}</c>,
/// <c>{"M": {...}}</c>...): validation, type, ordering, equality, size and number arithmetic. Items are kept in this
/// shape end to end, so the expression evaluator and the store need no conversion.
/// </summary>
internal static partial class AttributeValues
{
    private static readonly string[] Types = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"];

    /// <summary>The type descriptor of a value ("S", "N", ..., "M"), or null when it is not a valid AttributeValue.</summary>
    public static string? TypeOf(JsonObject? value)
    {
        if (value is null || value.Count != 1)
        {
            return null;
        }

        foreach (var (key, _) in value)
        {
            return Array.IndexOf(Types, key) >= 0 ? key : null;
        }

        return null;
    }

    /// <summary>Returns AWS's message for an invalid AttributeValue, or null when it is valid.</summary>
    public static string? Validate(JsonObject value, int depth = 0)
    {
        if (value.Count == 0)
        {
            return "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
        }

        if (value.Count > 1)
        {
            return "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
        }

        var type = TypeOf(value);
        var payload = value.First().Value;
        switch (type)
        {
            case "S" or "B" when payload?.GetValueKind() == JsonValueKind.String:
                return null;
            case "N" when payload?.GetValueKind() == JsonValueKind.String:
                return NumberProblem((string)payload!);
            case "BOOL" when payload?.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return null;
            case "NULL" when payload?.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return (bool)payload! ? null : "One or more parameter values were invalid: Null attribute value types must have the value of true";
            case "SS" or "NS" or "BS" when payload is JsonArray set:
                return SetProblem(type, set);
            case "L" when payload is JsonArray list:
                return depth >= 32 ? NestingProblem : list.Select(e => e is JsonObject o ? Validate(o, depth + 1) : "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes").FirstOrDefault(p => p is not null);
            case "M" when payload is JsonObject map:
                return depth >= 32 ? NestingProblem : map.Select(e => e.Value is JsonObject o ? Validate(o, depth + 1) : "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes").FirstOrDefault(p => p is not null);
            default:
                return "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
        }
    }

    // [guess] AWS's wording for more than 32 levels of nesting.
    private const string NestingProblem = "Nesting Levels have exceeded supported limits";

    private static string? SetProblem(string type, JsonArray set)
    {
        if (set.Count == 0)
        {
            return type switch
            {
                "SS" => "One or more parameter values were invalid: An string set  may not be empty",
                "NS" => "One or more parameter values were invalid: An number set  may not be empty",
                _ => "One or more parameter values were invalid: Binary sets should not be empty",
            };
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in set)
        {
            if (element?.GetValueKind() != JsonValueKind.String)
            {
                return "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
            }

            var text = (string)element!;
            if (type == "NS")
            {
                if (NumberProblem(text) is { } problem)
                {
                    return problem;
                }

                text = NormalizeNumber(text);
            }

            if (!seen.Add(text))
            {
                return $"One or more parameter values were invalid: Input collection {SetText(type, set)} contains duplicates.";
            }
        }

        return null;
    }

    private static string SetText(string type, JsonArray set) => "[" + string.Join(", ", set.Select(e => (string)e!)) + "]";

    /// <summary>AWS's message for a malformed or out-of-range number, or null when it is fine.</summary>
    public static string? NumberProblem(string text)
    {
        // Plain decimal notation with an optional exponent: no NaN, Infinity, hex or thousands separators.
        if (!NumberText().IsMatch(text))
        {
            return "The parameter cannot be converted to a numeric value: " + text;
        }

        var digits = SignificantDigits(text);
        if (digits > 38)
        {
            return "Attempting to store more than 38 significant digits in a Number";
        }

        var magnitude = Math.Abs(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (magnitude >= 1e126)
        {
            return "Number overflow. Attempting to store a number with magnitude larger than supported range";
        }

        return magnitude != 0 && magnitude < 1e-130
            ? "Number underflow. Attempting to store a number with magnitude smaller than supported range"
            : null;
    }

    private static int SignificantDigits(string text)
    {
        var mantissa = text.Split('e', 'E')[0].Replace("-", string.Empty, StringComparison.Ordinal).Replace("+", string.Empty, StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');
        if (mantissa.Contains('.', StringComparison.Ordinal) || digits.Length > 0)
        {
            digits = digits.TrimEnd('0');
        }

        return digits.Length;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")]
    private static partial System.Text.RegularExpressions.Regex NumberText();

    /// <summary>A number in DynamoDB's canonical form (no exponent where decimal can hold it, no trailing zeros).</summary>
    public static string NormalizeNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? FormatDecimal(d)
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    private static string FormatDecimal(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares two numbers given as text.</summary>
    public static int CompareNumbers(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
        decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>Adds (or subtracts) two numbers given as text.</summary>
    public static string AddNumbers(string a, string b, bool subtract = false)
    {
        if (decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
            decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
        {
            return FormatDecimal(subtract ? x - y : x + y);
        }

        var p = double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture);
        var q = double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (subtract ? p - q : p + q).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Orders two scalars of the same type for &lt;, BETWEEN and sort keys: numbers by value, strings by UTF-8 bytes,
    /// binaries by unsigned bytes. Returns null when the types differ or are not ordered (AWS then evaluates false).
    /// </summary>
    public static int? CompareScalars(JsonObject? a, JsonObject? b)
    {
        var type = TypeOf(a);
        if (type is null || type != TypeOf(b))
        {
            return null;
        }

        return type switch
        {
            "N" => CompareNumbers((string)a!["N"]!, (string)b!["N"]!),
            "S" => Encoding.UTF8.GetBytes((string)a!["S"]!).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)b!["S"]!)),
            "B" => Bytes(a!).AsSpan().SequenceCompareTo(Bytes(b!)),
            _ => null,
        };
    }

    public static byte[] Bytes(JsonObject binary)
    {
        var text = (string)binary["B"]!;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : [];
    }

    /// <summary>Deep equality as DynamoDB sees it: numbers by value, sets regardless of order, maps regardless of key order.</summary>
    public static bool Equal(JsonObject? a, JsonObject? b)
    {
        var type = TypeOf(a);
        if (type is null || type != TypeOf(b))
        {
            return false;
        }

        var x = a![type]!;
        var y = b![type]!;
        switch (type)
        {
            case "N":
                return CompareNumbers((string)x!, (string)y!) == 0;
            case "S" or "B":
                return (string)x! == (string)y!;
            case "BOOL" or "NULL":
                return (bool)x! == (bool)y!;
            case "SS" or "BS":
                return SetEquals(x.AsArray().Select(e => (string)e!), y.AsArray().Select(e => (string)e!));
            case "NS":
                return SetEquals(x.AsArray().Select(e => NormalizeNumber((string)e!)), y.AsArray().Select(e => NormalizeNumber((string)e!)));
            case "L":
                var l1 = x.AsArray();
                var l2 = y.AsArray();
                return l1.Count == l2.Count && l1.Zip(l2).All(p => Equal(p.First as JsonObject, p.Second as JsonObject));
            default:
                var m1 = x.AsObject();
                var m2 = y.AsObject();
                return m1.Count == m2.Count && m1.All(p => m2.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value as JsonObject, other as JsonObject));
        }
    }

    private static bool SetEquals(IEnumerable<string> a, IEnumerable<string> b) => new HashSet<string>(a).SetEquals(b);

    /// <summary>
    /// The size of an attribute value in bytes as DynamoDB counts it for the 400 KB item limit: strings in UTF-8,
    /// binaries raw, numbers about one byte per two significant digits plus one, containers 3 bytes plus their
    /// elements (map keys counted), booleans and nulls one byte.
    /// </summary>
    public static long SizeOf(JsonObject value)
    {
        var type = TypeOf(value);
        var payload = value.First().Value;
        return type switch
        {
            "S" => Encoding.UTF8.GetByteCount((string)payload!),
            "B" => Bytes(value).Length,
            "N" => (SignificantDigits((string)payload!) + 1) / 2 + 1,
            "BOOL" or "NULL" => 1,
            "SS" => payload!.AsArray().Sum(e => (long)Encoding.UTF8.GetByteCount((string)e!)),
            "BS" => payload!.AsArray().Sum(e => (long)Bytes(new JsonObject { ["B"] = (string)e! }).Length),
            "NS" => payload!.AsArray().Sum(e => (long)((SignificantDigits((string)e!) + 1) / 2 + 1)),
            "L" => 3 + payload!.AsArray().Sum(e => 1 + SizeOf((JsonObject)e!)),
            "M" => 3 + payload!.AsObject().Sum(p => 1 + Encoding.UTF8.GetByteCount(p.Key) + SizeOf((JsonObject)p.Value!)),
            _ => 0,
        };
    }

    /// <summary>The size of a whole item: attribute name bytes plus value bytes.</summary>
    public static long ItemSize(JsonObject item) => item.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + SizeOf((JsonObject)p.Value!));

    /// <summary>A deep copy of a value or item.</summary>
    public static JsonObject Clone(JsonObject value) => (JsonObject)value.DeepClone();
}
