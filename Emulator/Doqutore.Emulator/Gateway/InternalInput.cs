using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// Brings an internally built input to the scalar types its shape declares, as a client SDK would before sending:
/// templates carry numbers as strings (<c>"VisibilityTimeout": "30"</c>) and strings as numbers, and JSON documents
/// (policies) as objects where the API takes a string. Values that cannot be converted are left as they are, for the
/// codec to refuse as the wire would.
/// </summary>
internal static class InternalInput
{
    public static JsonObject Conform(Shape? shape, JsonObject input) =>
        shape is null ? input : (JsonObject)ConformNode(shape, input)!;

    private static JsonNode? ConformNode(Shape shape, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        switch (shape.Type)
        {
            case ShapeType.Structure when node is JsonObject obj:
                var structure = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    structure[name] = shape.GetMember(name) is { } member ? ConformNode(member.Shape, value) : value?.DeepClone();
                }

                return structure;
            case ShapeType.List when node is JsonArray array && shape.ListMember is { } item:
                return new JsonArray([.. array.Select(v => ConformNode(item.Shape, v))]);
            case ShapeType.Map when node is JsonObject map && shape.MapValue is { } mapValue:
                var result = new JsonObject();
                foreach (var (key, value) in map)
                {
                    result[key] = ConformNode(mapValue.Shape, value);
                }

                return result;
            case ShapeType.String:
                return node switch
                {
                    JsonObject or JsonArray => node.ToJsonString(),
                    JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
                    _ => node.DeepClone(),
                };
            case ShapeType.Integer or ShapeType.Long when Text(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole):
                return whole;
            case ShapeType.Float or ShapeType.Double when Text(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real):
                return real;
            case ShapeType.Boolean when Text(node) is { } text && bool.TryParse(text, out var flag):
                return flag;
            default:
                return node.DeepClone();
        }
    }

    private static string? Text(JsonNode node) => node is JsonValue value && value.GetValueKind() is JsonValueKind.String ? (string?)value : node is JsonValue other ? other.ToJsonString() : null;
}
