using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Versioning: the bucket setting (never-enabled, Enabled, Suspended; never back to unversioned) and
/// ListObjectVersions. Version ids and delete markers themselves are made where objects are written and deleted.
/// </summary>
internal sealed partial class S3Provider
{
    public JsonObject PutBucketVersioning(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var status = input["VersioningConfiguration"]?["Status"]?.GetValue<string>();
        if (status is not ("Enabled" or "Suspended"))
        {
            throw S3Errors.MalformedXml();
        }

        lock (bucket.Gate)
        {
            bucket.Settings = bucket.Settings with { Versioning = status };
            store.Blobs.SaveBucket(bucket.Name, bucket.Settings.ToRecord());
        }

        return [];
    }

    public JsonObject GetBucketVersioning(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        return bucket.Settings.Versioning is { } status ? new JsonObject { ["Status"] = status } : [];
    }

    public JsonObject ListObjectVersions(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var prefix = Optional(input, "Prefix") ?? string.Empty;
        var delimiter = Optional(input, "Delimiter") is { Length: > 0 } d ? d : null;
        var keyMarker = Optional(input, "KeyMarker");
        var versionIdMarker = keyMarker is null ? null : Optional(input, "VersionIdMarker");
        var maxKeys = MaxKeys(input);
        var encode = Encoder(input);

        var versions = new JsonArray();
        var markers = new JsonArray();
        var prefixes = new List<string>();
        var count = 0;
        var truncated = false;
        (string Key, string VersionId)? last = null;
        lock (bucket.Gate)
        {
            foreach (var listed in bucket.Keys.Under(prefix, delimiter, keyMarker, inclusive: true, static _ => true))
            {
                var key = listed.Key;
                if (listed.Versions is not { } history)
                {
                    if (key == keyMarker)
                    {
                        continue;
                    }

                    if (count >= maxKeys)
                    {
                        truncated = true;
                        break;
                    }

                    prefixes.Add(key);
                    last = (key, string.Empty);
                    count++;
                    continue;
                }

                var start = 0;
                if (keyMarker is not null && key == keyMarker)
                {
                    // After the marker version of the marker key; without a version marker, after the whole key.
                    start = versionIdMarker is null ? history.Count : history.FindIndex(v => v.VersionId == versionIdMarker) + 1;
                    if (start == 0)
                    {
                        start = history.Count;
                    }
                }

                for (var i = start; i < history.Count; i++)
                {
                    if (count >= maxKeys)
                    {
                        truncated = true;
                        break;
                    }

                    var version = history[i];
                    var entry = new JsonObject
                    {
                        ["Key"] = encode(key),
                        ["VersionId"] = version.VersionId,
                        ["IsLatest"] = i == 0,
                        ["LastModified"] = version.LastModified,
                        ["Owner"] = Owner(version.Owner),
                    };
                    if (version.IsDeleteMarker)
                    {
                        markers.Add(entry);
                    }
                    else
                    {
                        entry["ETag"] = version.ETag;
                        entry["Size"] = version.Size;
                        entry["StorageClass"] = version.StorageClass;
                        versions.Add(entry);
                    }

                    last = (key, version.VersionId);
                    count++;
                }

                if (truncated)
                {
                    break;
                }
            }
        }

        var output = new JsonObject
        {
            ["Name"] = bucket.Name,
            ["Prefix"] = encode(prefix),
            ["KeyMarker"] = encode(keyMarker ?? string.Empty),
            ["VersionIdMarker"] = versionIdMarker ?? string.Empty,
            ["MaxKeys"] = maxKeys,
            ["IsTruncated"] = truncated,
        };
        if (delimiter is not null)
        {
            output["Delimiter"] = encode(delimiter);
        }

        if (Optional(input, "EncodingType") is { } encodingType)
        {
            output["EncodingType"] = encodingType;
        }

        if (truncated && last is { } next)
        {
            output["NextKeyMarker"] = encode(next.Key);
            if (next.VersionId.Length > 0)
            {
                output["NextVersionIdMarker"] = next.VersionId;
            }
        }

        if (versions.Count > 0)
        {
            output["Versions"] = versions;
        }

        if (markers.Count > 0)
        {
            output["DeleteMarkers"] = markers;
        }

        if (prefixes.Count > 0)
        {
            output["CommonPrefixes"] = new JsonArray(prefixes.Select(p => (JsonNode)new JsonObject { ["Prefix"] = encode(p) }).ToArray());
        }

        return output;
    }
}
