using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>TagResource, UntagResource, ListTagsForResource on topics.</summary>
internal sealed partial class SnsProvider
{
    /// <summary>SNS quota: tags per topic.</summary>
    private const int MaxTags = 50;

    public JsonObject TagResource(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTagged(context, (string?)input["ResourceArn"]);
        var tags = ReadTags(input["Tags"]);
        lock (state.Gate)
        {
            ApplyTags(topic, tags);
        }

        return [];
    }

    public JsonObject UntagResource(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTagged(context, (string?)input["ResourceArn"]);
        var keys = (input["TagKeys"] as JsonArray ?? []).Select(k => (string?)k).ToHashSet(StringComparer.Ordinal);
        lock (state.Gate)
        {
            topic.Tags.RemoveAll(t => keys.Contains(t.Key));
        }

        return [];
    }

    public JsonObject ListTagsForResource(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTagged(context, (string?)input["ResourceArn"]);
        lock (state.Gate)
        {
            return new JsonObject
            {
                ["Tags"] = new JsonArray(topic.Tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray()),
            };
        }
    }

    private (SnsState State, SnsTopic Topic) FindTagged(RequestContext context, string? arn)
    {
        if (SnsArns.ParseTopic(arn) is null || arn!.Split(':').Length != 6)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: ResourceArn"); // [guess]
        }

        try
        {
            return FindTopic(context, arn, "ResourceArn");
        }
        catch (Doqutore.Aws.Protocols.AwsServiceException error) when (error.Code == "NotFound")
        {
            throw SnsErrors.ResourceNotFound();
        }
    }

    private static List<KeyValuePair<string, string>> ReadTags(JsonNode? node)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var tag in (node as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)tag["Key"] ?? string.Empty;
            var value = (string?)tag["Value"] ?? string.Empty;
            if (key.Length is 0 or > 128 || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw SnsErrors.InvalidParameter($"Invalid parameter: Tags Reason: Invalid tag key: {key}"); // [guess]
            }

            if (value.Length > 256)
            {
                throw SnsErrors.InvalidParameter($"Invalid parameter: Tags Reason: Invalid tag value: {value}"); // [guess]
            }

            tags.RemoveAll(t => t.Key == key);
            tags.Add(new(key, value));
        }

        return tags;
    }

    /// <summary>Adds or replaces tags. Call under the state's lock.</summary>
    private static void ApplyTags(SnsTopic topic, List<KeyValuePair<string, string>> tags)
    {
        var keys = topic.Tags.Select(t => t.Key).Concat(tags.Select(t => t.Key)).Distinct(StringComparer.Ordinal).Count();
        if (keys > MaxTags)
        {
            throw SnsErrors.TagLimitExceeded();
        }

        foreach (var tag in tags)
        {
            var index = topic.Tags.FindIndex(t => t.Key == tag.Key);
            if (index >= 0)
            {
                topic.Tags[index] = tag;
            }
            else
            {
                topic.Tags.Add(tag);
            }
        }
    }
}
