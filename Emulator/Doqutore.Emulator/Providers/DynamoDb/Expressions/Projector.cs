using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>
/// Applies a ProjectionExpression: the result holds only the projected paths, nested maps keeping their shape and
/// projected list elements kept in their original order (compacted), as DynamoDB returns them.
/// </summary>
internal static class Projector
{
    public static JsonObject Project(ProjectionExpression projection, JsonObject item)
    {
        var result = new JsonObject();
        foreach (var path in projection.Paths)
        {
            var value = DocumentPaths.Resolve(item, path);
            if (value is not null)
            {
                Place(result, item, path, value);
            }
        }

        return Compact(result);
    }

    private static void Place(JsonObject result, JsonObject item, DocumentPath path, JsonObject value)
    {
        if (path.Elements.Count == 1)
        {
            result[path.Head] = value.DeepClone();
            return;
        }

        if (!result.TryGetPropertyValue(path.Head, out var target) || target is not JsonObject container)
        {
            container = EmptyLike((JsonObject)item[path.Head]!);
            result[path.Head] = container;
        }

        var source = (JsonObject)item[path.Head]!;
        for (var i = 1; i < path.Elements.Count; i++)
        {
            var element = path.Elements[i];
            var sourceChild = DocumentPaths.Child(source, element)!;
            var isLast = i == path.Elements.Count - 1;
            if (element.IsIndex)
            {
                // Sparse list while projecting: keyed by index, compacted at the end.
                var slots = (JsonObject)container["L"]!;
                var key = element.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (isLast || slots[key] is not JsonObject next)
                {
                    next = isLast ? (JsonObject)value.DeepClone() : EmptyLike(sourceChild);
                    slots[key] = next;
                }

                container = next;
            }
            else
            {
                var map = (JsonObject)container["M"]!;
                if (isLast || map[element.Name!] is not JsonObject next)
                {
                    next = isLast ? (JsonObject)value.DeepClone() : EmptyLike(sourceChild);
                    map[element.Name!] = next;
                }

                container = next;
            }

            source = sourceChild;
        }
    }

    /// <summary>An empty container of the same kind: lists are built as index-keyed objects until compacted.</summary>
    private static JsonObject EmptyLike(JsonObject value) => value["L"] is not null ? new JsonObject { ["L"] = new JsonObject() } : new JsonObject { ["M"] = new JsonObject() };

    private static JsonObject Compact(JsonObject item)
    {
        foreach (var key in item.Select(p => p.Key).ToList())
        {
            item[key] = CompactValue((JsonObject)item[key]!);
        }

        return item;
    }

    private static JsonObject CompactValue(JsonObject value)
    {
        if (value["L"] is JsonObject slots)
        {
            var list = new JsonArray();
            foreach (var (_, element) in slots.OrderBy(p => int.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList())
            {
                slots.Remove(slots.First(p => p.Value == element).Key);
                list.Add(CompactValue((JsonObject)element!));
            }

            return new JsonObject { ["L"] = list };
        }

        if (value["M"] is JsonObject map)
        {
            foreach (var key in map.Select(p => p.Key).ToList())
            {
                var child = (JsonObject)map[key]!;
                map.Remove(key);
                map[key] = CompactValue(child);
            }
        }

        return value;
    }
}
