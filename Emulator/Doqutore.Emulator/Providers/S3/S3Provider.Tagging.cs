using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Object tagging (Put/Get/DeleteObjectTagging) and bucket tagging (Put/Get/DeleteBucketTagging); rules in <see cref="ObjectTags"/>.</summary>
internal sealed partial class S3Provider
{
    public JsonObject PutObjectTagging(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var tags = ObjectTags.FromTagSet(input["Tagging"], ObjectTags.MaxObjectTags);
        var version = Update(bucket, RequireKey(input), Optional(input, "VersionId"), v => v with { Tags = tags.Count == 0 ? null : tags });
        return VersionOutput(bucket, version);
    }

    public JsonObject GetObjectTagging(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var version = Resolve(bucket, RequireKey(input), Optional(input, "VersionId"), forCopy: false);
        var output = VersionOutput(bucket, version);
        output["TagSet"] = ObjectTags.ToTagSet(version.Tags);
        return output;
    }

    public JsonObject DeleteObjectTagging(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var version = Update(bucket, RequireKey(input), Optional(input, "VersionId"), v => v with { Tags = null });
        return VersionOutput(bucket, version);
    }

    public JsonObject PutBucketTagging(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var tags = ObjectTags.FromTagSet(input["Tagging"], ObjectTags.MaxBucketTags);
        SaveSettings(bucket, s => s with { Tags = tags });
        return [];
    }

    public JsonObject GetBucketTagging(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        return bucket.Settings.Tags is { Count: > 0 } tags
            ? new JsonObject { ["TagSet"] = ObjectTags.ToTagSet(tags) }
            : throw S3Errors.NoSuchTagSet(bucket.Name);
    }

    public JsonObject DeleteBucketTagging(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        SaveSettings(bucket, s => s with { Tags = null });
        return [];
    }

    /// <summary>The tags a new object gets from the <c>x-amz-tagging</c> header, or none.</summary>
    private static Dictionary<string, string>? HeaderTags(JsonObject input) =>
        ObjectTags.FromHeader(Optional(input, "Tagging")) is { Count: > 0 } tags ? tags : null;

    private static JsonObject VersionOutput(S3Bucket bucket, S3ObjectVersion version)
    {
        var output = new JsonObject();
        AddVersionId(output, bucket, version);
        return output;
    }

    /// <summary>Changes a bucket's settings under its gate and saves them.</summary>
    private void SaveSettings(S3Bucket bucket, Func<S3BucketSettings, S3BucketSettings> change)
    {
        lock (bucket.Gate)
        {
            var settings = change(bucket.Settings);
            store.Blobs.SaveBucket(bucket.Name, settings.ToRecord());
            bucket.Settings = settings;
        }
    }

    /// <summary>
    /// Replaces the addressed version (the current one, or the one named) by a changed copy of it, saved before the
    /// index shows it; the body is untouched.
    /// </summary>
    private S3ObjectVersion Update(S3Bucket bucket, string key, string? versionId, Func<S3ObjectVersion, S3ObjectVersion> change)
    {
        lock (bucket.Gate)
        {
            var version = Resolve(bucket, key, versionId, forCopy: false);
            var updated = change(version);
            bucket.Keys.TryGetValue(key, out var versions);
            var index = versions!.IndexOf(version);
            store.Blobs.SaveRecord(bucket.Name, updated.RecordId, updated.ToRecord());
            versions[index] = updated;
            return updated;
        }
    }
}
