using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>Reading CloudFormation's inputs (lists of parameters, capabilities, tags) from the parsed request.</summary>
internal static class CloudFormationInput
{
    public static string? Text(JsonObject input, string member) => (string?)input[member];

    public static string Required(JsonObject input, string member) =>
        Text(input, member) is { Length: > 0 } value
            ? value
            : throw CloudFormationErrors.Validation($"1 validation error detected: Value null at '{char.ToLowerInvariant(member[0])}{member[1..]}' failed to satisfy constraint: Member must not be null");

    public static bool Flag(JsonObject input, string member) => input[member] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static IReadOnlyList<string> Strings(JsonObject input, string member) =>
        input[member] is JsonArray list ? [.. list.Select(v => (string)v!)] : [];

    /// <summary>The given parameters; <c>UsePreviousValue</c> takes the value from <paramref name="previous"/>.</summary>
    public static Dictionary<string, string?> Parameters(JsonObject input, IReadOnlyDictionary<string, string>? previous = null)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in (input["Parameters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)item["ParameterKey"] ?? throw CloudFormationErrors.Validation("ParameterKey must be specified");
            if (item["UsePreviousValue"] is JsonValue use && use.TryGetValue<bool>(out var usePrevious) && usePrevious)
            {
                result[key] = previous?.GetValueOrDefault(key) ?? throw CloudFormationErrors.Validation($"Invalid input for parameter key {key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template");
            }
            else
            {
                result[key] = (string?)item["ParameterValue"] ?? string.Empty;
            }
        }

        return result;
    }

    public static void CheckStackName(string name)
    {
        if (name.Length > 128 || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z][-a-zA-Z0-9]*$"))
        {
            throw CloudFormationErrors.Validation($"1 validation error detected: Value '{name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*");
        }
    }
}
