using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>Tags of log groups, by ARN (TagResource family) and by name (the older TagLogGroup family); at most 50 per group.</summary>
public sealed partial class LogsProvider
{
    private const int MaxTags = 50;

    public JsonObject TagResource(RequestContext context, JsonObject input)
    {
        var name = GroupOfArn(LogsInput.Required(input, "resourceArn"));
        var tags = LogsInput.Tags(input) ?? throw LogsErrors.Missing("tags");
        return With(context, state => AddTags(Group(state, name), tags));
    }

    public JsonObject UntagResource(RequestContext context, JsonObject input)
    {
        var name = GroupOfArn(LogsInput.Required(input, "resourceArn"));
        var keys = LogsInput.StringList(input, "tagKeys") ?? throw LogsErrors.Missing("tagKeys");
        return With(context, state => RemoveTags(Group(state, name), keys));
    }

    public JsonObject ListTagsForResource(RequestContext context, JsonObject input)
    {
        var name = GroupOfArn(LogsInput.Required(input, "resourceArn"));
        return With(context, state => new JsonObject { ["tags"] = TagsJson(Group(state, name)) });
    }

    public JsonObject TagLogGroup(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        var tags = LogsInput.Tags(input) ?? throw LogsErrors.Missing("tags");
        return With(context, state => AddTags(Group(state, name), tags));
    }

    public JsonObject UntagLogGroup(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        var keys = LogsInput.StringList(input, "tags") ?? throw LogsErrors.Missing("tags");
        return With(context, state => RemoveTags(Group(state, name), keys));
    }

    public JsonObject ListTagsLogGroup(RequestContext context, JsonObject input)
    {
        var name = LogsInput.GroupName(input);
        return With(context, state => new JsonObject { ["tags"] = TagsJson(Group(state, name)) });
    }

    /// <summary>Only log groups carry tags here. [guess] A log-stream or other ARN is answered as a missing resource.</summary>
    private static string GroupOfArn(string arn)
    {
        LogsInput.Length(arn, "resourceArn", 1, 1011);
        var name = LogsInput.GroupFromArn(arn);
        return name is null || name.Contains(':', StringComparison.Ordinal)
            ? throw LogsErrors.InvalidParameter($"Invalid resource arn: {arn}")
            : name;
    }

    private static JsonObject AddTags(LogGroup group, SortedDictionary<string, string> tags)
    {
        var total = group.Tags.Keys.Union(tags.Keys, StringComparer.Ordinal).Count();
        if (total > MaxTags)
        {
            // [guess] AWS's wording.
            throw LogsErrors.InvalidParameter($"A resource can have no more than {MaxTags} tags.");
        }

        foreach (var (key, value) in tags)
        {
            group.Tags[key] = value;
        }

        return Empty();
    }

    private static JsonObject RemoveTags(LogGroup group, List<string> keys)
    {
        foreach (var key in keys)
        {
            group.Tags.Remove(key);
        }

        return Empty();
    }

    private static JsonObject TagsJson(LogGroup group)
    {
        var json = new JsonObject();
        foreach (var (key, value) in group.Tags)
        {
            json[key] = value;
        }

        return json;
    }
}
