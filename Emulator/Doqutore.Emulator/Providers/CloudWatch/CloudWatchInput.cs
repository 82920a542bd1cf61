using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>
/// Reads and validates CloudWatch request members. Parameters are named in errors as the query protocol
/// names them (<c>MetricData.member.1.Value</c>), which is how AWS words its messages in both protocols.
/// </summary>
internal static class CloudWatchInput
{
    public static readonly string[] Units =
    [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits",
        "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
        "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second",
        "Terabits/Second", "Count/Second", "None",
    ];

    public static string? Optional(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string Required(JsonObject input, string member, string parameter) =>
        Optional(input, member) ?? throw CloudWatchErrors.MissingParameter(parameter);

    public static string Name(JsonObject input, string member, string parameter, int max = 255)
    {
        var value = Required(input, member, parameter);
        return value.Length is >= 1 and var length && length <= max ? value : throw CloudWatchErrors.InvalidValue(value, parameter);
    }

    public static double? Double(JsonObject input, string member, string parameter)
    {
        if (input[member] is not JsonValue value)
        {
            return null;
        }

        double number;
        if (value.TryGetValue<double>(out var d))
        {
            number = d;
        }
        else if (value.TryGetValue<long>(out var l))
        {
            number = l;
        }
        else if (value.TryGetValue<int>(out var i))
        {
            number = i;
        }
        else if (value.TryGetValue<string>(out var s))
        {
            number = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
        }
        else
        {
            throw CloudWatchErrors.InvalidValue(value.ToJsonString(), parameter);
        }

        // CloudWatch rejects NaN, infinities and magnitudes outside 8.515920e-109 .. 1.174271e+108 (2^-360 .. 2^360).
        return double.IsFinite(number) && Math.Abs(number) <= 1.174271e+108 && (number == 0 || Math.Abs(number) >= 8.515920e-109)
            ? number
            : throw CloudWatchErrors.InvalidValue(number.ToString(CultureInfo.InvariantCulture), parameter);
    }

    public static int? Int(JsonObject input, string member, string parameter)
    {
        if (input[member] is not JsonValue value)
        {
            return null;
        }

        return value.TryGetValue<int>(out var i) ? i
            : value.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue ? (int)l
            : value.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue ? (int)d
            : throw CloudWatchErrors.InvalidValue(value.ToJsonString(), parameter);
    }

    public static DateTimeOffset? Time(JsonObject input, string member, string parameter)
    {
        if (input[member] is not { } node)
        {
            return null;
        }

        try
        {
            return Timestamps.Read(node);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw CloudWatchErrors.InvalidValue(node.ToJsonString(), parameter);
        }
    }

    public static string? Unit(JsonObject input, string member, string parameter)
    {
        var unit = Optional(input, member);
        return unit is null || Array.IndexOf(Units, unit) >= 0 ? unit
            // [guess] AWS's wording.
            : throw CloudWatchErrors.InvalidParameterValue($"The parameter {parameter} must be a value in the set [ {string.Join(", ", Units)} ].");
    }

    /// <summary>Dimensions (at most 30, names 1–255 and values 1–1024 characters), sorted by name; duplicates refused.</summary>
    public static List<MetricDimension> Dimensions(JsonObject input, string member, string parameter, bool valueRequired = true)
    {
        var list = input[member] as JsonArray ?? [];
        if (list.Count > 30)
        {
            throw CloudWatchErrors.InvalidParameterValue($"The collection {parameter} must not have a size greater than 30.");
        }

        var dimensions = new List<MetricDimension>();
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] as JsonObject ?? [];
            var prefix = $"{parameter}.member.{i + 1}";
            var name = Name(item, "Name", prefix + ".Name");
            var value = valueRequired ? Name(item, "Value", prefix + ".Value", 1024) : Optional(item, "Value");
            if (dimensions.Exists(d => d.Name == name))
            {
                // [guess] AWS's wording.
                throw CloudWatchErrors.InvalidParameterValue($"No Metric may specify the same dimension twice: {name}");
            }

            dimensions.Add(new MetricDimension(name, value!));
        }

        dimensions.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return dimensions;
    }

    public static JsonArray DimensionsJson(IEnumerable<MetricDimension> dimensions) =>
        [.. dimensions.Select(d => (JsonNode)new JsonObject { ["Name"] = d.Name, ["Value"] = d.Value })];
}
