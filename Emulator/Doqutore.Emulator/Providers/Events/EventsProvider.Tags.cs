using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>Tags of buses and rules, by ARN (at most 50 per resource).</summary>
public sealed partial class EventsProvider
{
    private const int TagsPerResource = 50;

    public JsonObject TagResource(RequestContext context, JsonObject input)
    {
        var arn = ResourceArn(input);
        var tags = EventsInput.Tags(input);
        return With(context, state =>
        {
            RequireResource(state, arn);
            SetTags(state, arn, tags);
            return Empty();
        });
    }

    public JsonObject UntagResource(RequestContext context, JsonObject input)
    {
        var arn = ResourceArn(input);
        var keys = EventsInput.Strings(input, "TagKeys");
        return With(context, state =>
        {
            RequireResource(state, arn);
            if (state.Tags.TryGetValue(arn, out var tags))
            {
                keys.ForEach(k => tags.Remove(k));
            }

            return Empty();
        });
    }

    public JsonObject ListTagsForResource(RequestContext context, JsonObject input)
    {
        var arn = ResourceArn(input);
        return With(context, state =>
        {
            RequireResource(state, arn);
            var tags = state.Tags.TryGetValue(arn, out var found) ? found : [];
            return new JsonObject { ["Tags"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray()) };
        });
    }

    private static void SetTags(EventsRegion state, string arn, List<KeyValuePair<string, string>> tags)
    {
        if (!state.Tags.TryGetValue(arn, out var existing))
        {
            existing = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        var added = tags.Select(t => t.Key).Distinct(StringComparer.Ordinal).Count(k => !existing.ContainsKey(k));
        if (existing.Count + added > TagsPerResource)
        {
            // [guess] AWS's wording.
            throw EventsErrors.LimitExceeded("The requested resource exceeds the maximum number allowed.");
        }

        foreach (var (key, value) in tags)
        {
            existing[key] = value;
        }

        state.Tags[arn] = existing;
    }

    private static string ResourceArn(JsonObject input)
    {
        var arn = EventsInput.Required(input, "ResourceARN");
        EventsInput.Length(arn, "resourceARN", 1, 1600);
        return arn;
    }

    /// <summary>The bus or rule an ARN names must exist in this account and region.</summary>
    private static void RequireResource(EventsRegion state, string arn)
    {
        var resource = arn.Split(':', 6) is [_, _, "events", _, _, var rest] ? rest : string.Empty;
        if (resource.StartsWith("event-bus/", StringComparison.Ordinal))
        {
            var name = resource["event-bus/".Length..];
            if (!state.Buses.TryGetValue(name, out var bus) || bus.Arn != arn)
            {
                throw EventsErrors.BusNotFound(name);
            }

            return;
        }

        if (resource.StartsWith("rule/", StringComparison.Ordinal))
        {
            var path = resource["rule/".Length..];
            var slash = path.LastIndexOf('/');
            var (busName, ruleName) = slash < 0 ? (EventsStore.DefaultBus, path) : (path[..slash], path[(slash + 1)..]);
            if (!state.Buses.TryGetValue(busName, out var bus) || !bus.Rules.TryGetValue(ruleName, out var rule) || rule.Arn != arn)
            {
                throw EventsErrors.RuleNotFound(ruleName, busName);
            }

            return;
        }

        // [guess] AWS's wording for an ARN that names no EventBridge resource.
        throw EventsErrors.Validation($"Parameter {arn} is not valid. Reason: Provided Arn is not in correct format.");
    }
}
