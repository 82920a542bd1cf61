// JSON documents of the awsJson and restJson1 protocols, shape by shape, both directions.
//
// Writing walks the neutral tree along the shape: member keys are wire names (locationName), timestamps are
// epoch seconds (fractions kept) unless the member's timestampFormat says iso8601 or rfc822, blobs are the
// tree's base64 text, special floats are the strings "NaN", "Infinity" and "-Infinity".
//
// Reading is strict on types and lenient on everything else, as AWS services are: unknown keys are ignored,
// JSON nulls are absent values, timestamps are accepted as epoch numbers or as any text timestamp format.
// Any mismatch (a string for a number, an object for a list, bad base64, a bad timestamp, nesting deeper than
// MaxDepth, malformed JSON) is a SerializationException naming the member path, never a .NET exception.
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols.Json;

/// <summary>Converts between the neutral tree and JSON documents, driven by the shapes of a service model.</summary>
public static class JsonShapeSerializer
{
    /// <summary>The deepest JSON nesting accepted.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// AWS writes quotes, apostrophes and non-ASCII text as they are; the default encoder would escape them
    /// for HTML embedding, which no AWS body is.
    /// </summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static readonly JsonSerializerOptions NodeOptions = new() { Encoder = WriterOptions.Encoder };

    /// <summary>The error for a JSON document that cannot be read (status 400).</summary>
    public static AwsServiceException SerializationError(string message) => new("SerializationException", message, 400);

    /// <summary>Writes the given top-level members of a structure (all of <paramref name="shape"/>'s when null).</summary>
    public static byte[] Write(Shape shape, JsonObject values, IEnumerable<Member>? members = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteStructure(writer, members ?? shape.Members, values);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses a JSON document into the tree of a structure. An empty body is an empty structure; anything but
    /// an object at the top level, malformed JSON or a type mismatch is a <c>SerializationException</c>.
    /// </summary>
    public static JsonObject Read(Shape shape, ReadOnlySpan<byte> json)
    {
        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return [];
        }

        // JsonNode decodes strings lazily: invalid UTF-8 would surface later as an InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw SerializationError("The body is not valid JSON: it is not valid UTF-8.");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw SerializationError($"The body is not valid JSON: {Describe(e)}");
        }

        if (root is null)
        {
            return [];
        }

        if (root is not JsonObject)
        {
            throw SerializationError($"The JSON document must be an object, found {Kind(root)}.");
        }

        return (JsonObject)ReadValue(shape, root, string.Empty)!;
    }

    /// <summary>Reads an already parsed JSON value of a shape into a tree value; null when absent.</summary>
    public static JsonNode? ReadValue(Shape shape, JsonNode? node, string path)
    {
        try
        {
            return ReadAny(shape, node, path);
        }
        catch (InvalidOperationException e)
        {
            // The JSON parser decodes strings lazily: an escaped lone surrogate ("\ud800") surfaces here.
            throw SerializationError($"The body is not valid JSON: a string is not valid Unicode ({e.Message})");
        }
    }

    private static JsonNode? ReadAny(Shape shape, JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        switch (shape.Type)
        {
            case ShapeType.Structure:
                return ReadStructure(shape, node, path);
            case ShapeType.List:
                if (node is not JsonArray array)
                {
                    throw Mismatch(path, shape.Type, node);
                }

                var list = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var element = shape.ListMember!;
                    if (ReadAny(element.Shape, array[i], $"{path}[{i}]") is { } item)
                    {
                        list.Add(item);
                    }
                }

                return list;
            case ShapeType.Map:
                if (node is not JsonObject source)
                {
                    throw Mismatch(path, shape.Type, node);
                }

                var map = new JsonObject();
                foreach (var (key, value) in source)
                {
                    if (ReadAny(shape.MapValue!.Shape, value, Join(path, key)) is { } item)
                    {
                        map[key] = item;
                    }
                }

                return map;
            default:
                return ReadScalar(shape, node, path);
        }
    }

    private static JsonObject ReadStructure(Shape shape, JsonNode node, string path)
    {
        if (node is not JsonObject source)
        {
            throw Mismatch(path, ShapeType.Structure, node);
        }

        var result = new JsonObject();
        foreach (var member in shape.Members)
        {
            if (source.TryGetPropertyValue(member.WireName, out var value)
                && ReadAny(member.Shape, value, Join(path, member.Name)) is { } item)
            {
                result[member.Name] = item;
            }
        }

        return result;
    }

    private static JsonNode ReadScalar(Shape shape, JsonNode node, string path)
    {
        if (node is not JsonValue value)
        {
            throw Mismatch(path, shape.Type, node);
        }

        var kind = value.GetValueKind();
        switch (shape.Type)
        {
            case ShapeType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(kind == JsonValueKind.True);
            case ShapeType.Integer or ShapeType.Long when kind == JsonValueKind.Number:
                if (value.TryGetValue<long>(out var integer))
                {
                    return JsonValue.Create(integer);
                }

                if (value.TryGetValue<double>(out var whole) && Math.Floor(whole) == whole && Math.Abs(whole) < 9.2e18)
                {
                    return JsonValue.Create((long)whole);
                }

                throw SerializationError($"Invalid value for member '{path}': {Truncate(value.ToJsonString())} is not an integer in range.");
            case ShapeType.Float or ShapeType.Double when kind == JsonValueKind.Number:
                return value.TryGetValue<double>(out var number) && double.IsFinite(number)
                    ? JsonValue.Create(number)
                    : throw SerializationError($"Invalid value for member '{path}': {Truncate(value.ToJsonString())} is out of range.");
            case ShapeType.Float or ShapeType.Double when kind == JsonValueKind.String:
                var special = value.GetValue<string>();
                return special is "NaN" or "Infinity" or "-Infinity"
                    ? JsonValue.Create(special)
                    : throw SerializationError($"Invalid value for member '{path}': expected a number, found the string \"{Truncate(special)}\".");
            case ShapeType.Timestamp when kind == JsonValueKind.Number:
                return value.TryGetValue<double>(out var seconds) && Math.Abs(seconds) < 253402300800
                    ? JsonValue.Create(Timestamps.FromEpoch(seconds))
                    : throw SerializationError($"Invalid value for member '{path}': {Truncate(value.ToJsonString())} is not a timestamp.");
            case ShapeType.Timestamp when kind == JsonValueKind.String:
                var text = value.GetValue<string>();
                return Timestamps.TryParse(text, out var timestamp)
                    ? JsonValue.Create(timestamp)
                    : throw SerializationError($"Invalid value for member '{path}': \"{Truncate(text)}\" is not a timestamp.");
            case ShapeType.Blob when kind == JsonValueKind.String:
                var base64 = value.GetValue<string>();
                return IsBase64(base64)
                    ? JsonValue.Create(base64)
                    : throw SerializationError($"Invalid value for member '{path}': the blob is not valid base64.");
            case ShapeType.String when kind == JsonValueKind.String:
                return JsonValue.Create(value.GetValue<string>());
            default:
                throw Mismatch(path, shape.Type, node);
        }
    }

    private static void WriteStructure(Utf8JsonWriter writer, IEnumerable<Member> members, JsonObject values)
    {
        writer.WriteStartObject();
        foreach (var member in members)
        {
            if (values[member.Name] is { } node)
            {
                writer.WritePropertyName(member.WireName);
                WriteValue(writer, member.Shape, member, node);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, Shape shape, Member? member, JsonNode node)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                WriteStructure(writer, shape.Members, node.AsObject());
                break;
            case ShapeType.List:
                writer.WriteStartArray();
                foreach (var item in node.AsArray())
                {
                    if (item is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        WriteValue(writer, shape.ListMember!.Shape, shape.ListMember, item);
                    }
                }

                writer.WriteEndArray();
                break;
            case ShapeType.Map:
                writer.WriteStartObject();
                foreach (var (key, item) in node.AsObject())
                {
                    if (item is not null)
                    {
                        writer.WritePropertyName(key);
                        WriteValue(writer, shape.MapValue!.Shape, shape.MapValue, item);
                    }
                }

                writer.WriteEndObject();
                break;
            case ShapeType.Boolean:
                writer.WriteBooleanValue(ScalarValues.ReadBoolean(node.AsValue()));
                break;
            case ShapeType.Integer or ShapeType.Long:
                writer.WriteNumberValue(ScalarValues.ReadLong(node.AsValue()));
                break;
            case ShapeType.Float or ShapeType.Double:
                WriteDouble(writer, node.AsValue());
                break;
            case ShapeType.Timestamp:
                WriteTimestamp(writer, Timestamps.Read(node), member?.TimestampFormat ?? shape.TimestampFormat ?? Timestamps.UnixTimestamp);
                break;
            default:
                var value = node.AsValue();
                writer.WriteStringValue(value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString());
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, JsonValue value)
    {
        var text = ScalarValues.FormatDouble(value);
        if (text is "NaN" or "Infinity" or "-Infinity")
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteNumberValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset value, string format)
    {
        if (format == Timestamps.UnixTimestamp)
        {
            var milliseconds = value.ToUnixTimeMilliseconds();
            if (milliseconds % 1000 == 0)
            {
                writer.WriteNumberValue(milliseconds / 1000);
            }
            else
            {
                writer.WriteNumberValue(milliseconds / 1000m);
            }
        }
        else
        {
            writer.WriteStringValue(Timestamps.Format(value, format));
        }
    }

    private static bool IsBase64(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        var buffer = text.Length <= 4096 ? stackalloc byte[text.Length] : new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static AwsServiceException Mismatch(string path, ShapeType expected, JsonNode found) =>
        SerializationError(path.Length == 0
            ? $"Expected {Rest.RestValues.Describe(expected)}, found {Kind(found)}."
            : $"Invalid value for member '{path}': expected {Rest.RestValues.Describe(expected)}, found {Kind(found)}.");

    private static string Kind(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static string Describe(JsonException e) =>
        e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"{e.Message.Split(" Path:", 2)[0].TrimEnd('.')} (line {line + 1}, position {position + 1})."
            : "malformed document.";
}
