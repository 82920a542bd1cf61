using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>Template property shapes to API input shapes, shared by the resource types.</summary>
internal static class ResourceJson
{
    /// <summary>A policy document property (an object in templates, a string in the APIs).</summary>
    public static string? Document(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    /// <summary>Template tags (<c>[{Key, Value}]</c>) as a map (<c>{key: value}</c>), or null when there are none.</summary>
    public static JsonObject? TagMap(JsonArray tags)
    {
        if (tags.Count == 0)
        {
            return null;
        }

        var map = new JsonObject();
        foreach (var tag in tags)
        {
            map[(string)tag!["Key"]!] = tag["Value"]?.DeepClone();
        }

        return map;
    }

    /// <summary>The strings of a list property.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray list ? [.. list.Select(v => Templates.Intrinsics.Text(v, "list"))] : [];

    /// <summary>Copies the named properties that are present from <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static JsonObject Copy(JsonObject source, JsonObject target, params string[] names)
    {
        foreach (var name in names)
        {
            if (source[name] is { } value)
            {
                target[name] = value.DeepClone();
            }
        }

        return target;
    }

    /// <summary>Whether a property differs between two property sets.</summary>
    public static bool Changed(JsonObject now, JsonObject before, string name) => !JsonNode.DeepEquals(now[name], before[name]);
}
