using System.Text.Json.Nodes;

namespace Doqutore.Aws.Client.Facades;

/// <summary>Building inputs and reading outputs of the spec-driven client's JSON trees, shared by the typed facades.</summary>
internal static class FacadeJson
{
    /// <summary>Sets <paramref name="member"/> when <paramref name="value"/> is not null (absent members stay off the wire).</summary>
    public static void Set<T>(JsonObject input, string member, T? value)
    {
        if (value is not null)
        {
            input[member] = JsonValue.Create(value);
        }
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The strings of a list member (none when absent).</summary>
    public static string[] List(JsonNode? node) => (node as JsonArray ?? []).Select(v => (string?)v).Where(v => v is not null).Select(v => v!).ToArray();
}
