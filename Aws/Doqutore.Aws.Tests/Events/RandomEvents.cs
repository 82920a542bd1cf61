using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Tests.Events;

/// <summary>
/// A small seeded generator for the property tests: random events (nested objects, arrays of scalars and of
/// objects, every JSON kind) and patterns derived from their leaves. Every run is reproducible from its seed.
/// </summary>
internal sealed class RandomEvents(int seed)
{
    private static readonly string[] Keys = ["a", "b", "c", "name", "type", "id", "x-y", "Region", "state", "k"];
    private static readonly string[] Words = ["", "a", "abc", "ABC", "aws.ec2", "us-east-1", "Stop*Logging", "back\\slash", "caf\u00e9", "10.0.0.7", "x y"];

    private readonly Random _random = new(seed);

    /// <summary>A leaf of the event: its path, its value, and whether it sits in an array.</summary>
    public sealed record Leaf(string[] Path, JsonNode? Value, bool InArray);

    public JsonObject Event() => Object(0);

    public static List<Leaf> Leaves(JsonObject obj)
    {
        var leaves = new List<Leaf>();
        Collect(obj, [], false, leaves);
        return leaves;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Next(int max) => _random.Next(max);

    /// <summary>A condition (a pattern array entry) that the leaf's value satisfies.</summary>
    public JsonNode? HoldingCondition(JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var choice = _random.Next(6);
        if (choice == 0)
        {
            return new JsonObject { ["exists"] = true };
        }
        if (kind == JsonValueKind.String)
        {
            var s = value!.GetValue<string>();
            return choice switch
            {
                1 => new JsonObject { ["prefix"] = s[.._random.Next(s.Length + 1)] },
                2 => new JsonObject { ["suffix"] = s[_random.Next(s.Length + 1)..] },
                3 => new JsonObject { ["equals-ignore-case"] = s.ToUpperInvariant() },
                4 => new JsonObject { ["wildcard"] = Wildcard(s) },
                _ => new JsonObject { ["anything-but"] = s + "-other" },
            };
        }
        if (kind == JsonValueKind.Number && choice is 1 or 2 or 3)
        {
            var d = double.Parse(value!.ToJsonString(), CultureInfo.InvariantCulture);
            return choice switch
            {
                1 => new JsonObject { ["numeric"] = new JsonArray(">=", d - 1, "<", d + 0.5) },
                2 => new JsonObject { ["numeric"] = new JsonArray("=", d) },
                _ => new JsonObject { ["anything-but"] = d + 1 },
            };
        }
        return value?.DeepClone();
    }

    /// <summary>A condition the leaf's value does not satisfy.</summary>
    public JsonNode FailingCondition(JsonNode? value)
    {
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var choice = _random.Next(3);
        if (choice == 0)
        {
            return new JsonObject { ["exists"] = false };
        }
        if (kind == JsonValueKind.Number)
        {
            var d = double.Parse(value!.ToJsonString(), CultureInfo.InvariantCulture);
            return choice == 1
                ? new JsonObject { ["numeric"] = new JsonArray(">", d + 1) }
                : new JsonObject { ["anything-but"] = d };
        }
        if (kind == JsonValueKind.String)
        {
            var s = value!.GetValue<string>();
            return choice == 1 ? JsonValue.Create(s + "!")! : new JsonObject { ["anything-but"] = s };
        }
        return JsonValue.Create("not-" + (value?.ToJsonString() ?? "null"))!;
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);

    private string Wildcard(string s)
    {
        var i = _random.Next(s.Length + 1);
        var j = i + _random.Next(s.Length - i + 1);
        return Escape(s[..i]) + "*" + Escape(s[j..]);
    }

    private JsonObject Object(int depth)
    {
        var obj = new JsonObject();
        var count = 1 + _random.Next(4);
        foreach (var key in Keys.OrderBy(_ => _random.Next()).Take(count))
        {
            obj[key] = Value(depth);
        }
        return obj;
    }

    private JsonNode? Value(int depth)
    {
        var roll = _random.Next(depth < 2 ? 10 : 7);
        return roll switch
        {
            0 or 1 => JsonValue.Create(Pick(Words)),
            2 => JsonValue.Create(_random.Next(-1000, 1000)),
            3 => JsonValue.Create(Math.Round((_random.NextDouble() - 0.5) * 2000, 3)),
            4 => JsonValue.Create(_random.Next(2) == 0),
            5 => null,
            6 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(2) == 0 ? JsonValue.Create(Pick(Words)) : JsonValue.Create(_random.Next(100)))]),
            7 => new JsonArray([.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => (JsonNode)Object(depth + 1))]),
            _ => Object(depth + 1),
        };
    }

    private static void Collect(JsonNode? node, string[] path, bool inArray, List<Leaf> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Collect(value, [.. path, key], inArray, leaves);
                }
                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    Collect(element, path, true, leaves);
                }
                break;
            default:
                leaves.Add(new Leaf(path, node, inArray));
                break;
        }
    }

    /// <summary>Sets pattern[path] = conditions, creating the intermediate objects.</summary>
    public static void Put(JsonObject pattern, string[] path, JsonArray conditions)
    {
        var current = pattern;
        foreach (var key in path[..^1])
        {
            if (current[key] is not JsonObject next)
            {
                current[key] = next = new JsonObject();
            }
            current = next;
        }
        current[path[^1]] = conditions;
    }
}
