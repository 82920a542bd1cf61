using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// The JSONPath subset EventBridge takes in <c>InputPath</c> and <c>InputPathsMap</c>: <c>$</c>, then member
/// steps (<c>.name</c> or <c>['name']</c>) and array indexes (<c>[0]</c>).
/// </summary>
public sealed class JsonPath
{
    private readonly object[] _steps;

    private JsonPath(object[] steps) => _steps = steps;

    /// <summary>The path, or null when <paramref name="text"/> is no path of that subset.</summary>
    public static JsonPath? TryParse(string text)
    {
        if (!text.StartsWith('$'))
        {
            return null;
        }

        var steps = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }

                if (i == start)
                {
                    return null;
                }

                steps.Add(text[start..i]);
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                var inside = text[(i + 1)..end];
                if (inside.Length >= 2 && (inside[0] == '\'' || inside[0] == '"') && inside[^1] == inside[0])
                {
                    steps.Add(inside[1..^1]);
                }
                else if (int.TryParse(inside, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(index);
                }
                else
                {
                    return null;
                }

                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return new JsonPath([.. steps]);
    }

    /// <summary>The selected node: <paramref name="found"/> is false when the path leads nowhere (JSON null is found).</summary>
    public JsonNode? Select(JsonNode? root, out bool found)
    {
        var node = root;
        foreach (var step in _steps)
        {
            switch (step)
            {
                case string name when node is JsonObject o && o.TryGetPropertyValue(name, out var child):
                    node = child;
                    break;
                case int index when node is JsonArray a && index < a.Count:
                    node = a[index];
                    break;
                default:
                    found = false;
                    return null;
            }
        }

        found = true;
        return node;
    }
}
