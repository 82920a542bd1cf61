using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols.Rest;

/// <summary>
/// Values of REST members bound outside the body (uri labels, query strings, headers) between wire text
/// and the neutral tree. Defaults follow the AWS SDKs: headers carry rfc822 timestamps, query strings and
/// labels iso8601; a header list is comma-separated; a <c>jsonvalue</c> header is base64 of JSON text.
/// </summary>
internal static class RestValues
{
    public static string TimestampFormat(Member member) => member.TimestampFormat ?? (member.Location == MemberLocation.Header
        ? Timestamps.Rfc822
        : Timestamps.Iso8601);

    /// <summary>Writes a scalar as text for a label or query string (booleans lowercase, timestamps iso8601).</summary>
    public static string ScalarToText(Member member, Shape shape, JsonNode node) =>
        ScalarValues.ToText(shape, node, member.TimestampFormat ?? Timestamps.Iso8601);

    /// <summary>Reads a label or query value; throws the format's error naming the member.</summary>
    public static JsonNode ScalarFromText(Member member, Shape shape, string text, IRestBodyFormat format, string where)
    {
        try
        {
            return ScalarValues.FromText(shape, text, TimestampFormat(member));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw format.MalformedInput($"Invalid value '{text}' for {where} '{member.WireName}' (member {member.Name}): expected {Describe(shape.Type)}.");
        }
    }

    /// <summary>The text of a header member, or null when nothing is sent (an empty list).</summary>
    public static string? HeaderToText(Member member, JsonNode node)
    {
        if (member.Type == ShapeType.List)
        {
            var element = member.Shape.ListMember!;
            var items = node.AsArray().Where(i => i is not null)
                .Select(i => ScalarValues.ToText(element.Shape, i!, element.TimestampFormat ?? member.TimestampFormat ?? Timestamps.Rfc822))
                .ToList();
            return items.Count == 0 ? null : string.Join(',', items);
        }

        if (member.JsonValue)
        {
            var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
            return Convert.ToBase64String(Encoding.UTF8.GetBytes(Compact(text)));
        }

        return ScalarValues.ToText(member.Shape, node, TimestampFormat(member));
    }

    /// <summary>Reads the values of a header member (all lines of that header, already joined by the caller).</summary>
    public static JsonNode HeaderFromText(Member member, string text, IRestBodyFormat format)
    {
        if (member.Type == ShapeType.List)
        {
            var element = member.Shape.ListMember!;
            var array = new JsonArray();
            foreach (var item in SplitList(text, element.Shape.Type))
            {
                array.Add(ScalarFromText(element, element.Shape, item, format, "header"));
            }

            return array;
        }

        if (member.JsonValue)
        {
            try
            {
                return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text.Trim())));
            }
            catch (FormatException)
            {
                throw format.MalformedInput($"Invalid value for header '{member.WireName}' (member {member.Name}): expected base64-encoded JSON.");
            }
        }

        return ScalarFromText(member, member.Shape, text, format, "header");
    }

    /// <summary>Splits a comma-separated header list, keeping rfc822 dates (which hold a comma) whole.</summary>
    private static List<string> SplitList(string text, ShapeType elementType)
    {
        var parts = text.Split(',').Select(p => p.Trim()).ToList();
        if (elementType != ShapeType.Timestamp)
        {
            return parts;
        }

        var merged = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            // "Tue, 29 Apr 2014 18:30:38 GMT": a three-letter day name is the first half of a date.
            if (parts[i].Length == 3 && parts[i].All(char.IsLetter) && i + 1 < parts.Count)
            {
                merged.Add(parts[i] + ", " + parts[++i]);
            }
            else
            {
                merged.Add(parts[i]);
            }
        }

        return merged;
    }

    private static string Compact(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString() ?? "null";
        }
        catch (JsonException)
        {
            return json;
        }
    }

    public static string Describe(ShapeType type) => type switch
    {
        ShapeType.Boolean => "a boolean",
        ShapeType.Integer or ShapeType.Long => "an integer",
        ShapeType.Float or ShapeType.Double => "a number",
        ShapeType.Timestamp => "a timestamp",
        ShapeType.Blob => "base64-encoded binary data",
        ShapeType.Structure => "an object",
        ShapeType.Map => "an object (map)",
        ShapeType.List => "a list",
        _ => "a string",
    };
}
