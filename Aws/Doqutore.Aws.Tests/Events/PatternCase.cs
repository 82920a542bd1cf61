using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Tests.Events;

/// <summary>
/// One documented case: a pattern and an event with the expected outcome, or a pattern and the reason AWS gives
/// for refusing it. Patterns are JSON objects, or strings when the exact text matters (duplicate keys, malformed
/// JSON, error locations).
/// </summary>
public sealed record PatternCase(string Id, string Name, string Source, string Pattern, JsonNode? Event, bool? Matches, string? Error)
{
    private static readonly Lazy<IReadOnlyDictionary<string, PatternCase>> All = new(Load);

    public static IReadOnlyDictionary<string, PatternCase> Cases => All.Value;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in Cases.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(id);
        }
        return data;
    }

    private static Dictionary<string, PatternCase> Load()
    {
        var assembly = typeof(PatternCase).Assembly;
        var cases = new Dictionary<string, PatternCase>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("event-pattern-cases/", StringComparison.Ordinal)))
        {
            var file = Path.GetFileNameWithoutExtension(resource["event-pattern-cases/".Length..]);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            foreach (var entry in JsonNode.Parse(stream)!.AsArray())
            {
                var name = (string)entry!["name"]!;
                var pattern = entry["pattern"]!;
                var id = $"{file}: {name}";
                cases.Add(id, new PatternCase(
                    id,
                    name,
                    (string)entry["source"]!,
                    pattern.GetValueKind() == JsonValueKind.String ? (string)pattern! : pattern.ToJsonString(),
                    entry["event"]?.DeepClone(),
                    (bool?)entry["matches"],
                    (string?)entry["error"]));
            }
        }
        return cases;
    }
}
