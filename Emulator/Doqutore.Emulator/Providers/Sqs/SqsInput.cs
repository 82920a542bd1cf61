using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>Reads members of an SQS request tree; a missing required member is AWS's <c>MissingParameter</c>.</summary>
internal static class SqsInput
{
    public static string? Optional(JsonObject input, string member) =>
        input[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string Required(JsonObject input, string member) =>
        Optional(input, member) ?? throw SqsErrors.MissingParameter(member);

    public static long? Integer(JsonObject input, string member)
    {
        if (input[member] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<long>(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw SqsErrors.InvalidParameterValue(value.ToJsonString(), member, "Must be an integer."),
        };
    }

    public static IReadOnlyList<string> Strings(JsonObject input, string member) =>
        input[member] is JsonArray array
            ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToArray()
            : [];

    /// <summary>A string-to-string map (attributes, tags); non-string values are refused as <c>InvalidParameterValue</c>.</summary>
    public static Dictionary<string, string> Map(JsonObject input, string member)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input[member] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                result[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>()
                    : value?.ToJsonString() ?? throw SqsErrors.InvalidParameterValue("null", key, "Must be a string.");
            }
        }

        return result;
    }
}
