using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>Reads members of CloudTrail inputs, with AWS's errors for missing or mistyped values.</summary>
internal static class CloudTrailInput
{
    public static string Required(JsonObject input, string member) =>
        Text(input, member) is { Length: > 0 } text
            ? text
            : throw CloudTrailErrors.Validation("null", char.ToLowerInvariant(member[0]) + member[1..], "Member must not be null");

    public static string? Text(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? Bool(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static int? Int(JsonObject input, string member)
    {
        if (input[member] is not JsonValue value)
        {
            return null;
        }

        try
        {
            var number = ScalarValues.ReadDouble(value);
            return number is >= int.MinValue and <= int.MaxValue ? (int)number : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static DateTimeOffset? Time(JsonObject input, string member)
    {
        if (input[member] is not { } node)
        {
            return null;
        }

        try
        {
            return Timestamps.Read(node);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw CloudTrailErrors.Validation(node.ToJsonString(), char.ToLowerInvariant(member[0]) + member[1..], "Member must be a timestamp");
        }
    }

    /// <summary>A TagsList: keys 1-128 characters, values at most 256.</summary>
    public static List<TrailTag> Tags(JsonObject input, string member = "TagsList")
    {
        var tags = new List<TrailTag>();
        foreach (var node in input[member] as JsonArray ?? [])
        {
            var tag = node as JsonObject ?? [];
            var key = Text(tag, "Key") ?? string.Empty;
            var value = Text(tag, "Value");
            if (key.Length is 0 or > 128)
            {
                throw CloudTrailErrors.InvalidTag($"Tag key must be between 1 and 128 characters long: '{key}'.");
            }

            if (value is { Length: > 256 })
            {
                throw CloudTrailErrors.InvalidTag($"Tag value for key '{key}' must be at most 256 characters long.");
            }

            tags.Add(new TrailTag(key, value));
        }

        return tags;
    }
}
