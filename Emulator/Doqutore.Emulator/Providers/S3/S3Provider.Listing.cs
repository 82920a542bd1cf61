using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>ListObjectsV2 and ListObjects (v1): prefix, delimiter and common prefixes, markers and continuation tokens.</summary>
internal sealed partial class S3Provider
{
    private const int MaxListKeys = 1000;

    public JsonObject ListObjectsV2(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var token = Optional(input, "ContinuationToken");
        var startAfter = Optional(input, "StartAfter");
        var marker = token is null ? startAfter : DecodeToken(token);
        var page = List(bucket, input, marker);
        var encode = Encoder(input);

        var output = Header(bucket, input, page, encode);
        output["KeyCount"] = page.Contents.Count + page.CommonPrefixes.Count;
        if (token is not null)
        {
            output["ContinuationToken"] = token;
        }

        if (startAfter is not null)
        {
            output["StartAfter"] = encode(startAfter);
        }

        if (page.IsTruncated)
        {
            output["NextContinuationToken"] = EncodeToken(page.Last!);
        }

        var fetchOwner = input["FetchOwner"]?.GetValue<bool>() == true;
        AddEntries(output, page, encode, fetchOwner);
        return output;
    }

    public JsonObject ListObjects(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var marker = Optional(input, "Marker");
        var page = List(bucket, input, marker);
        var encode = Encoder(input);

        var output = Header(bucket, input, page, encode);
        output["Marker"] = encode(marker ?? string.Empty);

        // S3 sends NextMarker only with a delimiter; without one the client continues from the last key.
        if (page.IsTruncated && Optional(input, "Delimiter") is { Length: > 0 })
        {
            output["NextMarker"] = encode(page.Last!);
        }

        AddEntries(output, page, encode, fetchOwner: true);
        return output;
    }

    private static JsonObject Header(S3Bucket bucket, JsonObject input, ListPage page, Func<string, string> encode)
    {
        var output = new JsonObject
        {
            ["Name"] = bucket.Name,
            ["Prefix"] = encode(Optional(input, "Prefix") ?? string.Empty),
            ["MaxKeys"] = page.MaxKeys,
            ["IsTruncated"] = page.IsTruncated,
        };
        if (Optional(input, "Delimiter") is { Length: > 0 } delimiter)
        {
            output["Delimiter"] = encode(delimiter);
        }

        if (Optional(input, "EncodingType") is { } encodingType)
        {
            output["EncodingType"] = encodingType;
        }

        return output;
    }

    private static void AddEntries(JsonObject output, ListPage page, Func<string, string> encode, bool fetchOwner)
    {
        if (page.Contents.Count > 0)
        {
            var contents = new JsonArray();
            foreach (var version in page.Contents)
            {
                var entry = new JsonObject
                {
                    ["Key"] = encode(version.Key),
                    ["LastModified"] = version.LastModified,
                    ["ETag"] = version.ETag,
                    ["Size"] = version.Size,
                    ["StorageClass"] = version.StorageClass,
                };
                if (version.ChecksumAlgorithm is { } algorithm)
                {
                    entry["ChecksumAlgorithm"] = new JsonArray(algorithm);
                }

                if (fetchOwner)
                {
                    entry["Owner"] = Owner(version.Owner);
                }

                contents.Add(entry);
            }

            output["Contents"] = contents;
        }

        if (page.CommonPrefixes.Count > 0)
        {
            output["CommonPrefixes"] = new JsonArray(page.CommonPrefixes.Select(p => (JsonNode)new JsonObject { ["Prefix"] = encode(p) }).ToArray());
        }
    }

    /// <summary>
    /// One page of current, non-deleted keys after <paramref name="marker"/>: keys sharing a prefix up to the
    /// delimiter roll up into one common prefix, which counts once towards max-keys and resumes after all its keys.
    /// </summary>
    private static ListPage List(S3Bucket bucket, JsonObject input, string? marker)
    {
        var prefix = Optional(input, "Prefix") ?? string.Empty;
        var delimiter = Optional(input, "Delimiter") is { Length: > 0 } d ? d : null;
        var maxKeys = MaxKeys(input);
        var contents = new List<S3ObjectVersion>();
        var prefixes = new List<string>();
        string? last = null;
        var truncated = false;
        lock (bucket.Gate)
        {
            foreach (var entry in bucket.Keys.Under(prefix, delimiter, marker, inclusive: false, static versions => versions.Count > 0 && !versions[0].IsDeleteMarker))
            {
                // A page that ended on a common prefix resumes after it: the marker is that prefix.
                if (entry.IsCommonPrefix && entry.Key == marker)
                {
                    continue;
                }

                if (contents.Count + prefixes.Count >= maxKeys)
                {
                    truncated = true;
                    break;
                }

                if (entry.Versions is { } versions)
                {
                    contents.Add(versions[0]);
                }
                else
                {
                    prefixes.Add(entry.Key);
                }

                last = entry.Key;
            }
        }

        return new ListPage(contents, prefixes, truncated, last, maxKeys);
    }

    private static int MaxKeys(JsonObject input)
    {
        if (input["MaxKeys"] is not { } node)
        {
            return MaxListKeys;
        }

        var value = node.GetValue<long>();
        return value < 0
            ? throw S3Errors.InvalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", value.ToString(CultureInfo.InvariantCulture))
            : (int)Math.Min(value, MaxListKeys);
    }

    /// <summary>With <c>encoding-type=url</c>, keys and prefixes are URL-encoded in the answer (the AWS CLI always asks).</summary>
    private static Func<string, string> Encoder(JsonObject input)
    {
        var encodingType = Optional(input, "EncodingType");
        if (encodingType is null)
        {
            return static s => s;
        }

        return encodingType == "url"
            ? static s => Uri.EscapeDataString(s).Replace("%2F", "/", StringComparison.Ordinal)
            : throw S3Errors.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
    }

    private static string EncodeToken(string marker) => Convert.ToBase64String(Encoding.UTF8.GetBytes("1:" + marker));

    private static string DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("1:", StringComparison.Ordinal))
            {
                return text[2..];
            }
        }
        catch (FormatException)
        {
        }

        throw S3Errors.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    }

    private sealed record ListPage(List<S3ObjectVersion> Contents, List<string> CommonPrefixes, bool IsTruncated, string? Last, int MaxKeys);
}
