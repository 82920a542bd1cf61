using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Reads and validates EventBridge request members against the constraints of the API reference (the
/// embedded model carries none), answering AWS's <c>ValidationException</c> wording. Every operation reads
/// all its input through here before it touches state.
/// </summary>
internal static partial class EventsInput
{
    public const string RuleNamePattern = @"[\.\-_A-Za-z0-9]+";
    public const string BusNamePattern = @"[/\.\-_A-Za-z0-9]+";
    public const string BusNameOrArnPattern = @"(arn:aws[\w-]*:events:[a-z]{2}-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+";
    public const string TargetIdPattern = @"[\.\-_A-Za-z0-9]+";

    public static string Required(JsonObject input, string member) =>
        Optional(input, member) ?? throw EventsErrors.Constraint("null", Camel(member), "Member must not be null");

    public static string? Optional(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool Bool(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>A rule name: 1–64 characters of <c>[.-_A-Za-z0-9]</c>.</summary>
    public static string RuleName(JsonObject input, string member) => Check(Required(input, member), Camel(member), 1, 64, RuleNameRegex(), RuleNamePattern);

    /// <summary>The <c>EventBusName</c> member (a name or a bus ARN), reduced to the bus name; <c>default</c> when absent.</summary>
    public static string BusName(JsonObject input, string member = "EventBusName")
    {
        if (Optional(input, member) is not { } value)
        {
            return EventsStore.DefaultBus;
        }

        Check(value, Camel(member), 1, 1600, BusNameOrArnRegex(), BusNameOrArnPattern);
        const string marker = ":event-bus/";
        var at = value.IndexOf(marker, StringComparison.Ordinal);
        return value.StartsWith("arn:", StringComparison.Ordinal) && at >= 0 ? value[(at + marker.Length)..] : value;
    }

    public static string Check(string value, string member, int min, int max, Regex? pattern = null, string? patternText = null)
    {
        Length(value, member, min, max);
        if (pattern is not null && !pattern.IsMatch(value))
        {
            throw EventsErrors.Constraint(value, member, $"Member must satisfy regular expression pattern: {patternText}");
        }

        return value;
    }

    public static void Length(string value, string member, int min, int max)
    {
        if (value.Length < min)
        {
            throw EventsErrors.Constraint(value, member, $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw EventsErrors.Constraint(value, member, $"Member must have length less than or equal to {max}");
        }
    }

    public static int? Integer(JsonObject input, string member, int min, int max, string? path = null)
    {
        if (input[member] is not JsonValue value || !value.TryGetValue<long>(out var number))
        {
            return null;
        }

        var name = path ?? Camel(member);
        if (number < min)
        {
            throw EventsErrors.Constraint(number.ToString(CultureInfo.InvariantCulture), name, $"Member must have value greater than or equal to {min}");
        }

        if (number > max)
        {
            throw EventsErrors.Constraint(number.ToString(CultureInfo.InvariantCulture), name, $"Member must have value less than or equal to {max}");
        }

        return (int)number;
    }

    /// <summary>Limit (1–100, default 100) and NextToken of the List operations.</summary>
    public static (int Limit, string? After) Paging(JsonObject input)
    {
        var limit = Integer(input, "Limit", 1, 100) ?? 100;
        if (Optional(input, "NextToken") is not { } token)
        {
            return (limit, null);
        }

        Length(token, "nextToken", 1, 2048);
        try
        {
            return (limit, Encoding.UTF8.GetString(Convert.FromBase64String(token)));
        }
        catch (FormatException)
        {
            // [guess] AWS's wording for a token it did not issue.
            throw EventsErrors.Validation("The provided NextToken is not valid.");
        }
    }

    /// <summary>One page of items already in key order, into <paramref name="member"/> with <c>NextToken</c> when more remain.</summary>
    public static JsonObject Page<T>(string member, IEnumerable<T> items, Func<T, string> key, Func<T, JsonNode> render, (int Limit, string? After) paging)
    {
        var rest = paging.After is null ? items : items.SkipWhile(i => string.CompareOrdinal(key(i), paging.After) < 0);
        var page = rest.Take(paging.Limit + 1).ToList();
        var output = new JsonObject { [member] = new JsonArray(page.Take(paging.Limit).Select(i => (JsonNode?)render(i)).ToArray()) };
        if (page.Count > paging.Limit)
        {
            output["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(key(page[^1])));
        }

        return output;
    }

    /// <summary>Tags of a create or tag request: keys 1–128, values 0–256 characters.</summary>
    public static List<KeyValuePair<string, string>> Tags(JsonObject input, string member = "Tags")
    {
        var tags = new List<KeyValuePair<string, string>>();
        if (input[member] is not JsonArray array)
        {
            return tags;
        }

        foreach (var node in array)
        {
            var tag = node as JsonObject ?? [];
            var key = Optional(tag, "Key") ?? throw EventsErrors.Constraint("null", "tags.member.key", "Member must not be null");
            var value = Optional(tag, "Value") ?? throw EventsErrors.Constraint("null", "tags.member.value", "Member must not be null");
            Length(key, "tags.member.key", 1, 128);
            Length(value, "tags.member.value", 0, 256);
            tags.Add(new(key, value));
        }

        return tags;
    }

    public static List<string> Strings(JsonObject input, string member) =>
        input[member] is JsonArray array ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList() : [];

    /// <summary>The member name as AWS's validation messages print it (<c>EventBusName</c> → <c>eventBusName</c>).</summary>
    public static string Camel(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];

    [GeneratedRegex(@"^[\.\-_A-Za-z0-9]+\z")]
    public static partial Regex RuleNameRegex();

    [GeneratedRegex(@"^[/\.\-_A-Za-z0-9]+\z")]
    public static partial Regex BusNameRegex();

    [GeneratedRegex(@"^(arn:aws[\w-]*:events:[a-z]{2}-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+\z")]
    private static partial Regex BusNameOrArnRegex();
}
