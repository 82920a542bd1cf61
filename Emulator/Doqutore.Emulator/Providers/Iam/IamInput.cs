using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// Reads and validates an IAM request's members against the constraints of the IAM API reference (the
/// embedded model carries no patterns or lengths), answering AWS's <c>ValidationError</c> wording. Every
/// operation reads all its input through here before it touches state.
/// </summary>
internal static partial class IamInput
{
    public const string NamePattern = @"[\w+=,.@-]+";
    public const string PathPattern = @"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)";
    public const string DocumentPattern = @"[\u0009\u000A\u000D\u0020-\u00FF]+";
    public const string TagPattern = @"[\p{L}\p{Z}\p{N}_.:/=+\-@]*";

    /// <summary>A required string member; its absence is AWS's "must not be null" validation error.</summary>
    public static string Required(JsonObject input, string member) =>
        Optional(input, member) ?? throw IamErrors.Validation("null", Camel(member), "Member must not be null");

    public static string? Optional(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A user, group, role or policy name: AWS's pattern and a length of 1…<paramref name="max"/>.</summary>
    public static string Name(JsonObject input, string member, int max) => CheckName(Required(input, member), member, max);

    public static string? OptionalName(JsonObject input, string member, int max) =>
        Optional(input, member) is { } name ? CheckName(name, member, max) : null;

    public static string CheckName(string name, string member, int max)
    {
        Length(name, member, 1, max);
        if (!NameRegex().IsMatch(name))
        {
            throw IamErrors.Validation(name, Camel(member), $"Member must satisfy regular expression pattern: {NamePattern}");
        }

        return name;
    }

    /// <summary>A path (<c>/</c> or <c>/a/b/</c>), <c>/</c> when absent.</summary>
    public static string Path(JsonObject input, string member = "Path")
    {
        var path = Optional(input, member) ?? "/";
        Length(path, member, 1, 512);
        if (!PathRegex().IsMatch(path))
        {
            throw IamErrors.Validation(path, Camel(member), $"Member must satisfy regular expression pattern: {PathPattern}");
        }

        return path;
    }

    /// <summary>A path prefix filter of the List operations (<c>/</c> when absent).</summary>
    public static string PathPrefix(JsonObject input)
    {
        var prefix = Optional(input, "PathPrefix") ?? "/";
        Length(prefix, "PathPrefix", 1, 512);
        if (!prefix.StartsWith('/') || prefix.Any(c => c < '\u0021' || c > '\u007E'))
        {
            throw IamErrors.Validation(prefix, "pathPrefix", @"Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*");
        }

        return prefix;
    }

    /// <summary>An ARN member (20…2048 characters).</summary>
    public static string Arn(JsonObject input, string member)
    {
        var arn = Required(input, member);
        Length(arn, member, 20, 2048);
        return arn;
    }

    /// <summary>A policy document's characters and length; its grammar is the policy engine's to check.</summary>
    public static string Document(JsonObject input, string member)
    {
        var document = Required(input, member);
        Length(document, member, 1, 131072);
        if (!DocumentRegex().IsMatch(document))
        {
            throw IamErrors.Validation(document, Camel(member), $"Member must satisfy regular expression pattern: {DocumentPattern}");
        }

        return document;
    }

    public static string? Description(JsonObject input)
    {
        var description = Optional(input, "Description");
        if (description is not null)
        {
            Length(description, "Description", 0, 1000);
        }

        return description;
    }

    public static bool Bool(JsonObject input, string member) =>
        input[member] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public static int? Integer(JsonObject input, string member, int min, int max)
    {
        if (input[member] is not JsonValue value || !value.TryGetValue<long>(out var number))
        {
            return null;
        }

        if (number < min)
        {
            throw IamErrors.Validation(number.ToString(CultureInfo.InvariantCulture), Camel(member), $"Member must have value greater than or equal to {min}");
        }

        if (number > max)
        {
            throw IamErrors.Validation(number.ToString(CultureInfo.InvariantCulture), Camel(member), $"Member must have value less than or equal to {max}");
        }

        return (int)number;
    }

    /// <summary>Tags of a create or tag request: at most 50, key 1…128 and value 0…256 characters, no duplicate keys.</summary>
    public static List<IamTag> Tags(JsonObject input, string member = "Tags")
    {
        var tags = new List<IamTag>();
        if (input[member] is not JsonArray array)
        {
            return tags;
        }

        if (array.Count > 50)
        {
            throw IamErrors.Validation("[...]", Camel(member), "Member must have length less than or equal to 50");
        }

        foreach (var node in array)
        {
            var tag = node as JsonObject ?? [];
            var key = Required(tag, "Key");
            var value = Optional(tag, "Value") ?? throw IamErrors.Validation("null", "tags.member.value", "Member must not be null");
            Length(key, "tags.member.key", 1, 128);
            Length(value, "tags.member.value", 0, 256);
            if (!TagRegex().IsMatch(key))
            {
                throw IamErrors.Validation(key, "tags.member.key", $"Member must satisfy regular expression pattern: {TagPattern}");
            }

            if (!TagRegex().IsMatch(value))
            {
                throw IamErrors.Validation(value, "tags.member.value", $"Member must satisfy regular expression pattern: {TagPattern}");
            }

            if (tags.Exists(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase)))
            {
                throw IamErrors.InvalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }

            tags.Add(new IamTag(key, value));
        }

        return tags;
    }

    /// <summary>The string list member <paramref name="member"/> (absent → empty).</summary>
    public static List<string> Strings(JsonObject input, string member) =>
        input[member] is JsonArray array ? array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList() : [];

    public static void Length(string value, string member, int min, int max)
    {
        if (value.Length < min)
        {
            throw IamErrors.Validation(value, Camel(member), $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw IamErrors.Validation(value, Camel(member), $"Member must have length less than or equal to {max}");
        }
    }

    /// <summary>The member name as AWS's validation messages print it (<c>UserName</c> → <c>userName</c>).</summary>
    public static string Camel(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];

    /// <summary>The URL encoding IAM applies to policy documents in its responses (SDKs decode it).</summary>
    public static string EncodeDocument(string document) => Uri.EscapeDataString(document);

    /// <summary>The length of a policy as IAM counts it against size quotas: whitespace is not counted.</summary>
    public static int PolicySize(string document) => document.Count(c => !char.IsWhiteSpace(c));

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]+\z")]
    private static partial Regex NameRegex();

    [GeneratedRegex(@"^(/|/[\u0021-\u007E]+/)\z")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u00FF]+\z")]
    private static partial Regex DocumentRegex();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*\z")]
    private static partial Regex TagRegex();
}
