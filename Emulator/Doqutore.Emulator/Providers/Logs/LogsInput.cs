using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>
/// Reads and validates CloudWatch Logs request members against the API reference's constraints, answering
/// AWS's validation wording as <c>InvalidParameterException</c>. Members are camelCase as in the model.
/// </summary>
internal static partial class LogsInput
{
    public const string GroupNamePattern = @"[\.\-_/#A-Za-z0-9]+";
    public const string StreamNamePattern = "[^:*]*";

    public static string? Optional(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string Required(JsonObject input, string member) => Optional(input, member) ?? throw LogsErrors.Missing(member);

    public static bool? Bool(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static long? Long(JsonObject input, string member)
    {
        if (input[member] is not JsonValue value)
        {
            return null;
        }

        // Trees from the codecs hold JsonElement numbers; trees built in code hold int or long values.
        if (value.TryGetValue<long>(out var number))
        {
            return number;
        }

        if (value.TryGetValue<int>(out var small))
        {
            return small;
        }

        return value.TryGetValue<double>(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9.2e18 ? (long)real
            : throw LogsErrors.InvalidParameter($"Invalid value for {member}.");
    }

    public static int? Int(JsonObject input, string member, int min, int max)
    {
        if (Long(input, member) is not { } value)
        {
            return null;
        }

        if (value < min)
        {
            throw LogsErrors.Constraint(value.ToString(CultureInfo.InvariantCulture), member, $"Member must have value greater than or equal to {min}");
        }

        return value > max
            ? throw LogsErrors.Constraint(value.ToString(CultureInfo.InvariantCulture), member, $"Member must have value less than or equal to {max}")
            : (int)value;
    }

    public static string GroupName(JsonObject input, string member = "logGroupName") => CheckGroupName(Required(input, member), member);

    public static string CheckGroupName(string name, string member = "logGroupName")
    {
        Length(name, member, 1, 512);
        return GroupNameRegex().IsMatch(name) ? name
            : throw LogsErrors.Constraint(name, member, $"Member must satisfy regular expression pattern: {GroupNamePattern}");
    }

    /// <summary><c>logGroupName</c> or <c>logGroupIdentifier</c> (a name or an ARN); exactly one of them.</summary>
    public static string GroupNameOrIdentifier(JsonObject input)
    {
        var name = Optional(input, "logGroupName");
        var identifier = Optional(input, "logGroupIdentifier");
        if (name is not null && identifier is not null)
        {
            // [guess] AWS's wording.
            throw LogsErrors.InvalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }

        if (identifier is not null)
        {
            Length(identifier, "logGroupIdentifier", 1, 2048);
            return CheckGroupName(GroupFromArn(identifier) ?? identifier, "logGroupIdentifier");
        }

        return name is not null ? CheckGroupName(name) : throw LogsErrors.InvalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
    }

    /// <summary>The group name of <c>arn:aws:logs:region:account:log-group:NAME[:*]</c>; null when not such an ARN.</summary>
    public static string? GroupFromArn(string arn)
    {
        const string marker = ":log-group:";
        var at = arn.IndexOf(marker, StringComparison.Ordinal);
        if (!arn.StartsWith("arn:", StringComparison.Ordinal) || at < 0)
        {
            return null;
        }

        var name = arn[(at + marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }

    public static string StreamName(JsonObject input, string member = "logStreamName")
    {
        var name = Required(input, member);
        Length(name, member, 1, 512);
        return StreamNameRegex().IsMatch(name) ? name
            : throw LogsErrors.Constraint(name, member, $"Member must satisfy regular expression pattern: {StreamNamePattern}");
    }

    public static void Length(string value, string member, int min, int max)
    {
        if (value.Length < min)
        {
            throw LogsErrors.Constraint(value, member, $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw LogsErrors.Constraint(value, member, $"Member must have length less than or equal to {max}");
        }
    }

    /// <summary>A tag map: 1–50 tags, keys 1–128 characters, values up to 256.</summary>
    public static SortedDictionary<string, string>? Tags(JsonObject input, string member = "tags")
    {
        if (input[member] is not JsonObject map)
        {
            return null;
        }

        if (map.Count is < 1 or > 50)
        {
            throw LogsErrors.Constraint("{...}", member, map.Count < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 50");
        }

        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in map)
        {
            Length(key, member, 1, 128);
            var value = node is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
            Length(value, member, 0, 256);
            tags[key] = value;
        }

        return tags;
    }

    public static List<string>? StringList(JsonObject input, string member)
    {
        if (input[member] is not JsonArray array)
        {
            return null;
        }

        return [.. array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw LogsErrors.InvalidParameter($"Invalid value in {member}."))];
    }

    public static string Token(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    public static string? ReadToken(JsonObject input, string member = "nextToken")
    {
        if (Optional(input, member) is not { } token)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw LogsErrors.BadToken();
        }
    }

    [GeneratedRegex(@"^[\.\-_/#A-Za-z0-9]+$")]
    private static partial Regex GroupNameRegex();

    [GeneratedRegex("^[^:*]*$")]
    private static partial Regex StreamNameRegex();
}
