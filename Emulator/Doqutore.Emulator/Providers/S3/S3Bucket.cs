using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>A bucket's settings, saved as its record.</summary>
internal sealed record S3BucketSettings
{
    public required string Name { get; init; }

    public required string Owner { get; init; }

    public required string Region { get; init; }

    public DateTimeOffset CreationDate { get; init; }

    /// <summary>null (never enabled), <c>Enabled</c> or <c>Suspended</c>.</summary>
    public string? Versioning { get; init; }

    public string? Policy { get; init; }

    /// <summary>Object Ownership (PutBucketOwnershipControls); null is AWS's default, BucketOwnerEnforced.</summary>
    public string? ObjectOwnership { get; init; }

    /// <summary>The bucket ACL's grants beyond the owner's full control (only where ACLs are enabled).</summary>
    public JsonArray? Grants { get; init; }

    /// <summary>The bucket's tags (PutBucketTagging), null when it has none.</summary>
    public Dictionary<string, string>? Tags { get; init; }

    public JsonObject ToRecord() => JsonSerializer.SerializeToNode(this, S3Json.Options)!.AsObject();

    public static S3BucketSettings FromRecord(JsonObject record) =>
        record.Deserialize<S3BucketSettings>(S3Json.Options) ?? throw new InvalidDataException("An empty bucket record.");
}

/// <summary>
/// A bucket: its settings and the index of its keys, each with its versions newest first. Readers and writers
/// of the index take <see cref="Gate"/>; bodies are written and read outside it.
/// </summary>
internal sealed class S3Bucket(S3BucketSettings settings)
{
    public object Gate { get; } = new();

    public S3BucketSettings Settings { get; set; } = settings;

    public string Name => Settings.Name;

    /// <summary>Key → versions, newest first; keys in UTF-8 binary order as S3 lists them.</summary>
    public KeyIndex Keys { get; } = new();

    public Dictionary<string, MultipartUpload> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>The current version of a key (which may be a delete marker), or null.</summary>
    public S3ObjectVersion? Current(string key) => Keys.TryGetValue(key, out var versions) && versions.Count > 0 ? versions[0] : null;

    public bool IsEmpty => Keys.Count == 0;
}
