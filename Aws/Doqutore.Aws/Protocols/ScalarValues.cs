using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols;

/// <summary>
/// Scalars between text (headers, query strings, XML, form values) and the neutral tree, by shape type.
/// Shared by every codec so that booleans, numbers and special floats read the same everywhere.
/// </summary>
public static class ScalarValues
{
    /// <summary>Parses wire text into a tree value; throws <see cref="FormatException"/> when it is not one.</summary>
    public static JsonNode FromText(Shape shape, string text, string timestampFormat) => shape.Type switch
    {
        ShapeType.Boolean => JsonValue.Create(text.Trim().ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new FormatException($"'{text}' is not a boolean."),
        }),
        ShapeType.Integer or ShapeType.Long => JsonValue.Create(long.Parse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
        ShapeType.Float or ShapeType.Double => text.Trim() switch
        {
            "NaN" or "Infinity" or "-Infinity" => JsonValue.Create(text.Trim()),
            var t => JsonValue.Create(double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)),
        },
        ShapeType.Timestamp => JsonValue.Create(Timestamps.Parse(text)),
        _ => JsonValue.Create(text),
    };

    /// <summary>Writes a tree value as wire text.</summary>
    public static string ToText(Shape shape, JsonNode node, string timestampFormat)
    {
        var value = node.AsValue();
        return shape.Type switch
        {
            ShapeType.Boolean => ReadBoolean(value) ? "true" : "false",
            ShapeType.Integer or ShapeType.Long => ReadLong(value).ToString(CultureInfo.InvariantCulture),
            ShapeType.Float or ShapeType.Double => FormatDouble(value),
            ShapeType.Timestamp => Timestamps.Format(Timestamps.Read(value), timestampFormat),
            _ => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
        };
    }

    public static bool ReadBoolean(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => bool.Parse(value.GetValue<string>()),
        _ => throw new FormatException($"{value.ToJsonString()} is not a boolean."),
    };

    // Numbers are read through their JSON text: a tree built in code holds int, decimal or double values
    // that GetValue<long> or GetValue<double> would refuse.
    public static long ReadLong(JsonValue value) => value.GetValueKind() == JsonValueKind.String
        ? long.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture)
        : value.TryGetValue<long>(out var l) ? l : long.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static double ReadDouble(JsonValue value) => value.TryGetValue<double>(out var d)
        ? d
        : double.Parse(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string FormatDouble(JsonValue value)
    {
        if (value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        var d = ReadDouble(value);
        return double.IsNaN(d) ? "NaN"
            : double.IsPositiveInfinity(d) ? "Infinity"
            : double.IsNegativeInfinity(d) ? "-Infinity"
            : d.ToString("R", CultureInfo.InvariantCulture);
    }
}
