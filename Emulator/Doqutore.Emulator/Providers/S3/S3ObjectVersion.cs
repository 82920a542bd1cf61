using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// One version of an object (the only version, id <c>null</c>, in an unversioned bucket), or a delete marker.
/// Immutable once committed; saved as a JSON record beside its body.
/// </summary>
internal sealed record S3ObjectVersion
{
    public const string NullVersion = "null";

    public required string Key { get; init; }

    public string VersionId { get; init; } = NullVersion;

    public bool IsDeleteMarker { get; init; }

    /// <summary>The body's blob, null for a delete marker.</summary>
    public string? BlobId { get; init; }

    public long Size { get; init; }

    /// <summary>The quoted ETag, as S3 sends it.</summary>
    public string ETag { get; init; } = "\"d41d8cd98f00b204e9800998ecf8427e\"";

    public DateTimeOffset LastModified { get; init; }

    public string ContentType { get; init; } = "binary/octet-stream";

    public string? ContentEncoding { get; init; }

    public string? ContentDisposition { get; init; }

    public string? ContentLanguage { get; init; }

    public string? CacheControl { get; init; }

    public string? Expires { get; init; }

    public string StorageClass { get; init; } = "STANDARD";

    /// <summary>User metadata (x-amz-meta-*), keys lower-cased.</summary>
    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The additional checksum's algorithm (CRC32, CRC32C, SHA1, SHA256), if one was sent or asked for.</summary>
    public string? ChecksumAlgorithm { get; init; }

    public string? ChecksumValue { get; init; }

    /// <summary>The object ACL's grants beyond the owner's full control (only where the bucket enables ACLs).</summary>
    public JsonArray? Grants { get; init; }

    /// <summary>The object's tags (x-amz-tagging, PutObjectTagging), null when it has none.</summary>
    public Dictionary<string, string>? Tags { get; init; }

    /// <summary>For objects completed from a multipart upload: the number of parts.</summary>
    public int? PartsCount { get; init; }

    /// <summary>For objects completed from a multipart upload: each part's size, in order (reads by partNumber).</summary>
    public long[]? PartSizes { get; init; }

    /// <summary>The owner's account.</summary>
    public string Owner { get; init; } = "000000000000";

    public string RecordId => RecordIdFor(Key, VersionId);

    public static string RecordIdFor(string key, string versionId) => "o\n" + key + "\n" + versionId;

    public JsonObject ToRecord() => JsonSerializer.SerializeToNode(this, S3Json.Options)!.AsObject();

    public static S3ObjectVersion FromRecord(JsonObject record) =>
        record.Deserialize<S3ObjectVersion>(S3Json.Options) ?? throw new InvalidDataException("An empty object record.");
}

/// <summary>The JSON options of the S3 provider's records.</summary>
internal static class S3Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
