using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Multipart uploads. Parts are stored as blobs of their own; completing concatenates the chosen parts into the
/// object's blob in one streaming pass. ETag = MD5 of the parts' binary MD5s, hex, then "-N"; the additional
/// checksum, when every part has one, is the same composite over the parts' checksums.
/// </summary>
internal sealed partial class S3Provider
{
    private const long MinPartSize = 5L * 1024 * 1024;
    private const int MaxPartNumber = 10000;
    private const int MaxListParts = 1000;

    public JsonObject CreateMultipartUpload(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var algorithm = Optional(input, "ChecksumAlgorithm")?.ToUpperInvariant();
        if (algorithm is not null && !ChecksumAlgorithms.Contains(algorithm))
        {
            throw S3Errors.InvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, SHA1, SHA256]");
        }

        var upload = new MultipartUpload
        {
            UploadId = VersionIds.New() + VersionIds.New(),
            Key = key,
            Initiated = Now(),
            Template = new S3ObjectVersion
            {
                Key = key,
                ContentType = Optional(input, "ContentType") ?? "binary/octet-stream",
                ContentEncoding = Optional(input, "ContentEncoding"),
                ContentDisposition = Optional(input, "ContentDisposition"),
                ContentLanguage = Optional(input, "ContentLanguage"),
                CacheControl = Optional(input, "CacheControl"),
                Expires = context.Request.Headers["Expires"],
                StorageClass = Optional(input, "StorageClass") ?? "STANDARD",
                Metadata = UserMetadata(input),
                Tags = HeaderTags(input),
                Grants = ObjectAcl(bucket, input),
                ChecksumAlgorithm = algorithm,
                Owner = context.AccountId,
            },
        };
        lock (bucket.Gate)
        {
            store.Blobs.SaveRecord(bucket.Name, upload.RecordId, upload.ToRecord());
            bucket.Uploads[upload.UploadId] = upload;
        }

        var output = new JsonObject { ["Bucket"] = bucket.Name, ["Key"] = key, ["UploadId"] = upload.UploadId };
        if (algorithm is not null)
        {
            output["ChecksumAlgorithm"] = algorithm;
        }

        return output;
    }

    public async Task<OperationData> UploadPart(RequestContext context, OperationData input)
    {
        var values = input.Values;
        var bucket = RequireBucket(values);
        var key = RequireKey(values);
        var uploadId = Required(values, "UploadId");
        var partNumber = PartNumber(values);
        var upload = FindUpload(bucket, key, uploadId);
        var algorithm = RequestedChecksum(values, context) ?? upload.Template.ChecksumAlgorithm;
        var body = input.Stream ?? Stream.Null;

        var written = await WriteBodyAsync(body, algorithm, context.Aborted).ConfigureAwait(false);
        UploadedPart part;
        try
        {
            VerifyContentMd5(Optional(values, "ContentMD5"), written.Md5);
            var checksum = VerifyChecksum(values, body, algorithm, written.Checksum);
            part = new UploadedPart(partNumber, written.BlobId, written.Size, Quote(Convert.ToHexStringLower(written.Md5)), Now(), checksum);
        }
        catch
        {
            store.Blobs.Delete(written.BlobId);
            throw;
        }

        if (AddPart(bucket, key, uploadId, part, written.BlobId) is { } replaced)
        {
            store.Blobs.Delete(replaced.BlobId);
        }

        var output = new JsonObject { ["ETag"] = part.ETag };
        if (algorithm is not null && part.ChecksumValue is not null)
        {
            output["Checksum" + algorithm] = part.ChecksumValue;
        }

        return new OperationData(output);
    }

    /// <summary>
    /// A part copied from an existing object, whole or the <c>x-amz-copy-source-range</c> (<c>bytes=first-last</c>, both
    /// inside the source), under the source's copy preconditions.
    /// </summary>
    public async Task<JsonObject> UploadPartCopy(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var uploadId = Required(input, "UploadId");
        var partNumber = PartNumber(input);
        var upload = FindUpload(bucket, key, uploadId);
        var (_, _, sourceVersionId, source) = ResolveCopySource(input);
        var range = CopySourceRange(Optional(input, "CopySourceRange"), source.Size);
        var algorithm = upload.Template.ChecksumAlgorithm;

        Written written;
        var content = store.Blobs.OpenRead(source.BlobId!);
        await using (content.ConfigureAwait(false))
        {
            content.Seek(range.First, SeekOrigin.Begin);
            written = await WriteBodyAsync(new BoundedStream(content, range.Length), algorithm, context.Aborted).ConfigureAwait(false);
        }

        var part = new UploadedPart(partNumber, written.BlobId, written.Size, Quote(Convert.ToHexStringLower(written.Md5)), Now(), written.Checksum is null ? null : Convert.ToBase64String(written.Checksum));
        if (AddPart(bucket, key, uploadId, part, written.BlobId) is { } replaced)
        {
            store.Blobs.Delete(replaced.BlobId);
        }

        var result = new JsonObject { ["ETag"] = part.ETag, ["LastModified"] = part.LastModified };
        if (algorithm is not null && part.ChecksumValue is not null)
        {
            result["Checksum" + algorithm] = part.ChecksumValue;
        }

        var output = new JsonObject { ["CopyPartResult"] = result };
        if (source.VersionId != S3ObjectVersion.NullVersion || sourceVersionId is not null)
        {
            output["CopySourceVersionId"] = source.VersionId;
        }

        return output;
    }

    public async Task<JsonObject> CompleteMultipartUpload(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var uploadId = Required(input, "UploadId");
        var requested = input["MultipartUpload"]?["Parts"] as JsonArray;
        if (requested is null || requested.Count == 0)
        {
            throw S3Errors.MalformedXml();
        }

        List<UploadedPart> chosen = [];
        MultipartUpload upload;
        lock (bucket.Gate)
        {
            upload = FindUpload(bucket, key, uploadId);
            var previous = 0;
            foreach (var item in requested)
            {
                var number = (int)(item?["PartNumber"]?.GetValue<long>() ?? throw S3Errors.MalformedXml());
                var etag = item?["ETag"]?.GetValue<string>() ?? throw S3Errors.MalformedXml();
                if (number <= previous)
                {
                    throw S3Errors.InvalidPartOrder();
                }

                previous = number;
                if (!upload.Parts.TryGetValue(number, out var part) || part.ETag.Trim('"') != etag.Trim('"'))
                {
                    throw S3Errors.InvalidPart(number, etag);
                }

                chosen.Add(part);
            }
        }

        for (var i = 0; i < chosen.Count - 1; i++)
        {
            if (chosen[i].Size < MinPartSize)
            {
                throw S3Errors.EntityTooSmall(chosen[i].Size);
            }
        }

        Written written;
        using (var content = new ConcatenatedStream(chosen.Select(p => (Func<Stream>)(() => store.Blobs.OpenRead(p.BlobId)))))
        {
            written = await WriteBodyAsync(content, null, context.Aborted).ConfigureAwait(false);
        }

        var etagDigest = MD5.HashData(chosen.SelectMany(p => Convert.FromHexString(p.ETag.Trim('"'))).ToArray());
        var version = upload.Template with
        {
            BlobId = written.BlobId,
            Size = written.Size,
            ETag = Quote($"{Convert.ToHexStringLower(etagDigest)}-{chosen.Count}"),
            LastModified = Now(),
            PartsCount = chosen.Count,
            PartSizes = chosen.Select(p => p.Size).ToArray(),
            ChecksumValue = CompositeChecksum(upload.Template.ChecksumAlgorithm, chosen),
        };
        if (version.ChecksumValue is null)
        {
            version = version with { ChecksumAlgorithm = null };
        }

        S3ObjectVersion committed;
        try
        {
            lock (bucket.Gate)
            {
                // The upload may have been aborted or completed meanwhile.
                FindUpload(bucket, key, uploadId);
                committed = Commit(bucket, version, ifNoneMatch: null);
                bucket.Uploads.Remove(uploadId);
                store.Blobs.DeleteRecord(bucket.Name, upload.RecordId);
            }
        }
        catch
        {
            store.Blobs.Delete(written.BlobId);
            throw;
        }

        foreach (var part in upload.Parts.Values)
        {
            store.Blobs.Delete(part.BlobId);
        }

        var output = new JsonObject
        {
            ["Location"] = $"{context.BaseUrl}/{bucket.Name}/{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}",
            ["Bucket"] = bucket.Name,
            ["Key"] = key,
            ["ETag"] = committed.ETag,
        };
        if (committed.ChecksumAlgorithm is { } algorithm && committed.ChecksumValue is { } value)
        {
            output["Checksum" + algorithm] = value;
        }

        AddVersionId(output, bucket, committed);
        return output;
    }

    public JsonObject AbortMultipartUpload(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var uploadId = Required(input, "UploadId");
        MultipartUpload upload;
        lock (bucket.Gate)
        {
            upload = FindUpload(bucket, key, uploadId);
            bucket.Uploads.Remove(uploadId);
            store.Blobs.DeleteRecord(bucket.Name, upload.RecordId);
        }

        foreach (var part in upload.Parts.Values)
        {
            store.Blobs.Delete(part.BlobId);
        }

        return [];
    }

    public JsonObject ListParts(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var uploadId = Required(input, "UploadId");
        var marker = (int)(input["PartNumberMarker"]?.GetValue<long>() ?? 0);
        var maxParts = (int)Math.Clamp(input["MaxParts"]?.GetValue<long>() ?? MaxListParts, 0, MaxListParts);
        MultipartUpload upload;
        List<UploadedPart> parts;
        lock (bucket.Gate)
        {
            upload = FindUpload(bucket, key, uploadId);
            parts = upload.Parts.Values.Where(p => p.PartNumber > marker).OrderBy(p => p.PartNumber).ToList();
        }

        var page = parts.Take(maxParts).ToList();
        var truncated = parts.Count > page.Count;
        var output = new JsonObject
        {
            ["Bucket"] = bucket.Name,
            ["Key"] = key,
            ["UploadId"] = uploadId,
            ["PartNumberMarker"] = marker,
            ["MaxParts"] = maxParts,
            ["IsTruncated"] = truncated,
            ["Initiator"] = Initiator(upload.Template.Owner),
            ["Owner"] = Owner(upload.Template.Owner),
            ["StorageClass"] = upload.Template.StorageClass,
            ["Parts"] = new JsonArray(page.Select(p => (JsonNode)PartEntry(p, upload.Template.ChecksumAlgorithm)).ToArray()),
        };
        if (page.Count > 0)
        {
            output["NextPartNumberMarker"] = page[^1].PartNumber;
        }

        if (upload.Template.ChecksumAlgorithm is { } algorithm)
        {
            output["ChecksumAlgorithm"] = algorithm;
        }

        return output;
    }

    public JsonObject ListMultipartUploads(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var prefix = Optional(input, "Prefix") ?? string.Empty;
        var keyMarker = Optional(input, "KeyMarker");
        var uploadIdMarker = Optional(input, "UploadIdMarker");
        var maxUploads = (int)Math.Clamp(input["MaxUploads"]?.GetValue<long>() ?? MaxListParts, 0, MaxListParts);
        List<MultipartUpload> uploads;
        lock (bucket.Gate)
        {
            uploads = bucket.Uploads.Values
                .Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(u => u.Key, StringComparer.Ordinal)
                .ThenBy(u => u.Initiated)
                .ThenBy(u => u.UploadId, StringComparer.Ordinal)
                .ToList();
        }

        if (keyMarker is not null)
        {
            // After the marker key; with an upload id marker, the marker key's later uploads too.
            var markerIndex = uploadIdMarker is null ? -1 : uploads.FindIndex(u => u.Key == keyMarker && u.UploadId == uploadIdMarker);
            uploads = markerIndex >= 0
                ? uploads.Skip(markerIndex + 1).ToList()
                : uploads.Where(u => string.CompareOrdinal(u.Key, keyMarker) > 0).ToList();
        }

        var page = uploads.Take(maxUploads).ToList();
        var output = new JsonObject
        {
            ["Bucket"] = bucket.Name,
            ["KeyMarker"] = keyMarker ?? string.Empty,
            ["UploadIdMarker"] = uploadIdMarker ?? string.Empty,
            ["MaxUploads"] = maxUploads,
            ["IsTruncated"] = uploads.Count > page.Count,
            ["Uploads"] = new JsonArray(page.Select(u => (JsonNode)new JsonObject
            {
                ["UploadId"] = u.UploadId,
                ["Key"] = u.Key,
                ["Initiated"] = u.Initiated,
                ["StorageClass"] = u.Template.StorageClass,
                ["Owner"] = Owner(u.Template.Owner),
                ["Initiator"] = Initiator(u.Template.Owner),
            }).ToArray()),
        };
        if (prefix.Length > 0)
        {
            output["Prefix"] = prefix;
        }

        if (page.Count > 0 && uploads.Count > page.Count)
        {
            output["NextKeyMarker"] = page[^1].Key;
            output["NextUploadIdMarker"] = page[^1].UploadId;
        }

        return output;
    }

    /// <summary>Records a part of an upload (which may have ended meanwhile: the body is then deleted); returns the part it replaced.</summary>
    private UploadedPart? AddPart(S3Bucket bucket, string key, string uploadId, UploadedPart part, string blobId)
    {
        try
        {
            lock (bucket.Gate)
            {
                var upload = FindUpload(bucket, key, uploadId);
                upload.Parts.TryGetValue(part.PartNumber, out var replaced);
                upload.Parts[part.PartNumber] = part;
                store.Blobs.SaveRecord(bucket.Name, upload.RecordId, upload.ToRecord());
                return replaced;
            }
        }
        catch
        {
            store.Blobs.Delete(blobId);
            throw;
        }
    }

    /// <summary>An <c>x-amz-copy-source-range</c> (<c>bytes=first-last</c>) inside a source of <paramref name="size"/> bytes; the whole source when absent.</summary>
    private static ByteRange CopySourceRange(string? header, long size)
    {
        if (header is null)
        {
            return new ByteRange(0, size - 1);
        }

        var match = System.Text.RegularExpressions.Regex.Match(header, "^bytes=(\\d+)-(\\d+)$");
        if (!match.Success)
        {
            throw S3Errors.InvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", header);
        }

        var first = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var last = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return first <= last && last < size
            ? new ByteRange(first, last)
            : throw S3Errors.InvalidArgument($"Range specified is not valid for source object of size: {size}", "x-amz-copy-source-range", header);
    }

    private static JsonObject PartEntry(UploadedPart part, string? algorithm)
    {
        var entry = new JsonObject
        {
            ["PartNumber"] = part.PartNumber,
            ["LastModified"] = part.LastModified,
            ["ETag"] = part.ETag,
            ["Size"] = part.Size,
        };
        if (algorithm is not null && part.ChecksumValue is not null)
        {
            entry["Checksum" + algorithm] = part.ChecksumValue;
        }

        return entry;
    }

    private static JsonObject Initiator(string accountId) => new()
    {
        ["ID"] = $"arn:aws:iam::{accountId}:root",
        ["DisplayName"] = "webfile",
    };

    private static MultipartUpload FindUpload(S3Bucket bucket, string key, string uploadId)
    {
        lock (bucket.Gate)
        {
            return bucket.Uploads.TryGetValue(uploadId, out var upload) && upload.Key == key
                ? upload
                : throw S3Errors.NoSuchUpload(uploadId);
        }
    }

    private static int PartNumber(JsonObject input)
    {
        var value = input["PartNumber"]?.GetValue<long>();
        return value is >= 1 and <= MaxPartNumber
            ? (int)value.Value
            : throw S3Errors.InvalidArgument(
                "Part number must be an integer between 1 and 10000, inclusive",
                "partNumber",
                value?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>S3's composite checksum: the checksum of the parts' raw checksums, base64, then "-N"; null unless every part has one.</summary>
    private static string? CompositeChecksum(string? algorithm, List<UploadedPart> parts)
    {
        if (algorithm is null || parts.Any(p => p.ChecksumValue is null) || NonCryptographicChecksum.For(algorithm) is not { } checksum)
        {
            return null;
        }

        foreach (var part in parts)
        {
            checksum.Append(Convert.FromBase64String(part.ChecksumValue!));
        }

        return $"{Convert.ToBase64String(checksum.GetHashAndReset())}-{parts.Count}";
    }
}
