// TEMPORARY: stands in for the `patterns` branch's matcher (exact values and nesting only) until that branch
// can be merged; deleted on merge. Not part of the delivered provider.
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Events;

public sealed class InvalidEventPatternException(string message) : Exception(message);

public sealed class EventPattern
{
    private readonly JsonObject _pattern;

    private EventPattern(JsonObject pattern) => _pattern = pattern;

    public static EventPattern Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new InvalidEventPatternException("Event pattern is not valid. Reason: Filter is not an object");
        }

        return node is JsonObject o ? new EventPattern(o) : throw new InvalidEventPatternException("Event pattern is not valid. Reason: Filter is not an object");
    }

    public bool Matches(string json) => Matches(JsonNode.Parse(json));

    public bool Matches(JsonNode? e) => Match(_pattern, e);

    private static bool Match(JsonObject pattern, JsonNode? e)
    {
        foreach (var (key, value) in pattern)
        {
            var field = (e as JsonObject)?[key];
            if (value is JsonObject nested)
            {
                if (!Match(nested, field))
                {
                    return false;
                }
            }
            else if (value is JsonArray allowed)
            {
                var values = field is JsonArray a ? a.Select(x => x?.ToJsonString()).ToList() : [field?.ToJsonString()];
                if (!allowed.Any(x => values.Contains(x?.ToJsonString())))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
