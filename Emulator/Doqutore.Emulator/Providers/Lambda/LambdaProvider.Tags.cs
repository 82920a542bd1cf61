using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>TagResource, UntagResource, ListTags on a function ARN.</summary>
internal sealed partial class LambdaProvider
{
    public JsonObject TagResource(RequestContext context, JsonObject input)
    {
        var function = TaggedFunction(context, input);
        lock (function.Gate)
        {
            foreach (var (key, value) in input["Tags"] as JsonObject ?? [])
            {
                function.Tags[key] = (string?)value ?? string.Empty;
            }

            store.Save(function);
        }

        return [];
    }

    public JsonObject UntagResource(RequestContext context, JsonObject input)
    {
        var function = TaggedFunction(context, input);
        lock (function.Gate)
        {
            foreach (var key in input["TagKeys"] as JsonArray ?? [])
            {
                function.Tags.Remove((string?)key ?? string.Empty);
            }

            store.Save(function);
        }

        return [];
    }

    public JsonObject ListTags(RequestContext context, JsonObject input)
    {
        var function = TaggedFunction(context, input);
        lock (function.Gate)
        {
            return new JsonObject { ["Tags"] = new JsonObject(function.Tags.Select(t => new KeyValuePair<string, JsonNode?>(t.Key, t.Value))) };
        }
    }

    private LambdaFunction TaggedFunction(RequestContext context, JsonObject input) =>
        Resolve(context, new JsonObject { ["FunctionName"] = (string?)input["Resource"] ?? (string?)input["ARN"] });
}
