using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>One uploaded part: its body, size and quoted ETag (the MD5 of its bytes).</summary>
internal sealed record UploadedPart(int PartNumber, string BlobId, long Size, string ETag, DateTimeOffset LastModified, string? ChecksumValue);

/// <summary>An in-progress multipart upload: the future object's settings and the parts uploaded so far.</summary>
internal sealed record MultipartUpload
{
    public required string UploadId { get; init; }

    public required string Key { get; init; }

    public DateTimeOffset Initiated { get; init; }

    /// <summary>The settings the completed object takes (content type, metadata, ...); Size, ETag and BlobId unset.</summary>
    public required S3ObjectVersion Template { get; init; }

    public Dictionary<int, UploadedPart> Parts { get; init; } = [];

    public string RecordId => "u\n" + UploadId;

    public JsonObject ToRecord() => JsonSerializer.SerializeToNode(this, S3Json.Options)!.AsObject();

    public static MultipartUpload FromRecord(JsonObject record) =>
        record.Deserialize<MultipartUpload>(S3Json.Options) ?? throw new InvalidDataException("An empty upload record.");
}
