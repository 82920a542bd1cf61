using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;

namespace Doqutore.IntegrationTests.Oracle;

/// <summary>One difference between what botocore holds and what our codec produced.</summary>
internal sealed record Mismatch(string Operation, int Sample, string Path, string Expected, string Actual)
{
    public override string ToString() => $"{Operation} #{Sample} {Path}: expected {Expected}, got {Actual}";
}

/// <summary>
/// Brings both sides of the oracle to one canonical form, guided by our shape, and diffs them.
/// Canonical form: the OperationData conventions made exact. Timestamps are epoch seconds (ms precision),
/// blobs canonical base64, a jsonvalue string is replaced by the JSON it holds, the payload of a stream is
/// read into its member; absent stays absent.
/// </summary>
internal static class OracleTree
{
    public static JsonObject Normalize(OperationData data, Shape? shape)
    {
        var values = (JsonObject)data.Values.DeepClone();
        if (data.Stream is { } stream && shape?.Payload is { } payload && !values.ContainsKey(payload))
        {
            using var buffer = new MemoryStream();
            if (stream.CanSeek)
            {
                stream.Position = 0;
            }

            stream.CopyTo(buffer);
            var member = shape.GetMember(payload);
            values[payload] = member?.Type == ShapeType.String
                ? Encoding.UTF8.GetString(buffer.ToArray())
                : Convert.ToBase64String(buffer.ToArray());
        }

        return Normalize(values, shape);
    }

    public static JsonObject Normalize(JsonObject values, Shape? shape) =>
        shape is null ? (JsonObject)Canonical(values)! : (JsonObject)Normalize(values, shape, jsonValue: false)!;

    /// <summary>Every difference between botocore's tree and ours, with paths such as <c>Entries[1].Id</c>.</summary>
    public static void Compare(JsonNode? expected, JsonNode? actual, string path, string operation, int sample, List<Mismatch> into)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        into.Add(new(operation, sample, Join(path, key), Show(value), "(absent)"));
                    }
                    else
                    {
                        Compare(value, a[key], Join(path, key), operation, sample, into);
                    }
                }

                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key))
                    {
                        into.Add(new(operation, sample, Join(path, key), "(absent)", Show(value)));
                    }
                }

                return;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", operation, sample, into);
                }

                return;
            case (JsonValue e, JsonValue a) when SameValue(e, a):
                return;
            default:
                into.Add(new(operation, sample, path.Length == 0 ? "(root)" : path, Show(expected), Show(actual)));
                return;
        }
    }

    public static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Length <= 160 ? text : string.Concat(text.AsSpan(0, 157), "...");
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static bool SameValue(JsonValue expected, JsonValue actual)
    {
        var e = expected.GetValueKind();
        var a = actual.GetValueKind();
        if (e != a)
        {
            return false;
        }

        if (e == JsonValueKind.Number)
        {
            var ee = JsonSerializer.SerializeToElement(expected);
            var ae = JsonSerializer.SerializeToElement(actual);
            return ee.TryGetDecimal(out var ed) && ae.TryGetDecimal(out var ad)
                ? ed == ad
                : ee.GetDouble().Equals(ae.GetDouble());
        }

        return e != JsonValueKind.String || string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonNode? Normalize(JsonNode? node, Shape shape, bool jsonValue)
    {
        if (node is null)
        {
            return null;
        }

        switch (shape.Type)
        {
            case ShapeType.Structure when node is JsonObject obj:
                var structure = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    structure[key] = shape.GetMember(key) is { } member
                        ? Normalize(value, member.Shape, member.JsonValue)
                        : Canonical(value);
                }

                return structure;
            case ShapeType.List when node is JsonArray array && shape.ListMember is { } element:
                return new JsonArray(array.Select(item => Normalize(item, element.Shape, element.JsonValue)).ToArray());
            case ShapeType.Map when node is JsonObject map && shape.MapValue is { } mapValue:
                var entries = new JsonObject();
                foreach (var (key, value) in map)
                {
                    entries[key] = Normalize(value, mapValue.Shape, mapValue.JsonValue);
                }

                return entries;
            case ShapeType.Timestamp when node is JsonValue timestamp:
                try
                {
                    return JsonValue.Create(Timestamps.ToEpoch(Timestamps.Read(timestamp)));
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    return JsonValue.Create($"(not a timestamp) {timestamp.ToJsonString()}");
                }

            case ShapeType.Blob when node is JsonValue blob && blob.GetValueKind() == JsonValueKind.String:
                var text = blob.GetValue<string>();
                var bytes = new byte[text.Length];
                return Convert.TryFromBase64String(text, bytes, out var length)
                    ? JsonValue.Create(Convert.ToBase64String(bytes, 0, length))
                    : JsonValue.Create($"(not base64) {text}");
            case ShapeType.String when (jsonValue || shape.JsonValue) && node is JsonValue json && json.GetValueKind() == JsonValueKind.String:
                try
                {
                    return Canonical(JsonNode.Parse(json.GetValue<string>()));
                }
                catch (JsonException)
                {
                    return JsonValue.Create($"(not JSON) {json.GetValue<string>()}");
                }

            default:
                return Canonical(node);
        }
    }

    /// <summary>A copy backed by JSON elements, so that a codec's DateTimeOffset or long compares as text and numbers do.</summary>
    private static JsonNode? Canonical(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(node.ToJsonString());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // A double NaN cannot be written as JSON; the tree convention wants the string "NaN".
            return JsonValue.Create($"(not serializable as JSON: {e.Message})");
        }
    }
}
