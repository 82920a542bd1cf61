// S3's tag rules (user guide "Categorizing your storage using tags" and "Using cost allocation S3 bucket tags"):
// at most 10 tags on an object and 50 on a bucket, keys of 1–128 and values of 0–256 Unicode characters, unique
// keys, letters, digits, spaces and + - = . _ : / @ only, and no key starting with "aws:" (reserved for AWS).
// Errors are InvalidTag with AWS's messages; the x-amz-tagging header is a URL query string ("k1=v1&k2=v2").
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Reads and checks tag sets (XML <c>TagSet</c> and the <c>x-amz-tagging</c> header) as S3 does.</summary>
internal static partial class ObjectTags
{
    public const int MaxObjectTags = 10;
    public const int MaxBucketTags = 50;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 256;

    /// <summary>The tags of a <c>Tagging</c> document (<c>{"TagSet":[{"Key","Value"}]}</c>), checked.</summary>
    public static Dictionary<string, string> FromTagSet(JsonNode? tagging, int max)
    {
        var tagSet = tagging?["TagSet"] as JsonArray ?? throw S3Errors.MalformedXml();
        return Checked(tagSet.Select(t => (t?["Key"]?.GetValue<string>() ?? throw S3Errors.MalformedXml(), t?["Value"]?.GetValue<string>() ?? string.Empty)), max);
    }

    /// <summary>The tags of an <c>x-amz-tagging</c> header value, checked; null when the header is absent.</summary>
    public static Dictionary<string, string>? FromHeader(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var pairs = header.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            return at < 0 ? (Decode(pair), string.Empty) : (Decode(pair[..at]), Decode(pair[(at + 1)..]));
        });
        return Checked(pairs, MaxObjectTags);
    }

    /// <summary>The <c>TagSet</c> array S3 answers with.</summary>
    public static JsonArray ToTagSet(IReadOnlyDictionary<string, string>? tags) =>
        new((tags ?? new Dictionary<string, string>()).Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray());

    private static Dictionary<string, string> Checked(IEnumerable<(string Key, string Value)> pairs, int max)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (key.Length > MaxKeyLength)
            {
                throw S3Errors.InvalidTag($"The TagKey you have provided is too long, max {MaxKeyLength}");
            }

            if (value.Length > MaxValueLength)
            {
                throw S3Errors.InvalidTag($"The TagValue you have provided is too long, max {MaxValueLength}");
            }

            if (key.Length == 0 || !Allowed().IsMatch(key))
            {
                throw S3Errors.InvalidTag("The TagKey you have provided is invalid");
            }

            if (!Allowed().IsMatch(value))
            {
                throw S3Errors.InvalidTag("The TagValue you have provided is invalid");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw S3Errors.InvalidTag("Your TagKey cannot be prefixed with aws:");
            }

            if (!tags.TryAdd(key, value))
            {
                throw S3Errors.InvalidTag("Cannot provide multiple Tags with the same key");
            }
        }

        return tags.Count > max
            ? throw S3Errors.InvalidTag(max == MaxObjectTags ? "Object tags cannot be greater than 10" : "Bucket tag count cannot be greater than 50")
            : tags;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$")]
    private static partial Regex Allowed();
}
