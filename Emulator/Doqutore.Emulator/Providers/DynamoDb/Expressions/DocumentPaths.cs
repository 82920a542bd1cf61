using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>Reading a document path in an item (items and values in their wire shape).</summary>
internal static class DocumentPaths
{
    /// <summary>The value at <paramref name="path"/>, or null when any step is missing or of the wrong type.</summary>
    public static JsonObject? Resolve(JsonObject item, DocumentPath path)
    {
        JsonObject? current = item.TryGetPropertyValue(path.Head, out var head) ? head as JsonObject : null;
        for (var i = 1; i < path.Elements.Count && current is not null; i++)
        {
            current = Child(current, path.Elements[i]);
        }

        return current;
    }

    /// <summary>One step down from a container value: a map key of an M, an index of an L.</summary>
    public static JsonObject? Child(JsonObject container, PathElement element)
    {
        if (element.IsIndex)
        {
            return container["L"] is JsonArray list && element.Index < list.Count ? list[element.Index] as JsonObject : null;
        }

        return container["M"] is JsonObject map && map.TryGetPropertyValue(element.Name!, out var child) ? child as JsonObject : null;
    }
}
