using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Signing;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Object operations: put, get, head, delete, DeleteObjects, copy.</summary>
internal sealed partial class S3Provider
{
    private const int MaxKeyBytes = 1024;
    private const int MaxMetadataBytes = 2048;
    private const int MaxDeleteObjects = 1000;
    private static readonly string[] ChecksumAlgorithms = ["CRC32", "CRC32C", "SHA1", "SHA256"];

    public async Task<OperationData> PutObject(RequestContext context, OperationData input)
    {
        var values = input.Values;
        var bucket = RequireBucket(values);
        var key = RequireKey(values);
        var metadata = UserMetadata(values);
        var algorithm = RequestedChecksum(values, context);
        var tags = HeaderTags(values);
        var grants = ObjectAcl(bucket, values);
        var body = input.Stream ?? Stream.Null;

        var written = await WriteBodyAsync(body, algorithm, context.Aborted).ConfigureAwait(false);
        try
        {
            VerifyContentMd5(Optional(values, "ContentMD5"), written.Md5);
            var checksum = VerifyChecksum(values, body, algorithm, written.Checksum);
            var version = new S3ObjectVersion
            {
                Key = key,
                BlobId = written.BlobId,
                Size = written.Size,
                ETag = Quote(Convert.ToHexStringLower(written.Md5)),
                LastModified = Now(),
                ContentType = Optional(values, "ContentType") ?? "binary/octet-stream",
                ContentEncoding = StoredContentEncoding(Optional(values, "ContentEncoding")),
                ContentDisposition = Optional(values, "ContentDisposition"),
                ContentLanguage = Optional(values, "ContentLanguage"),
                CacheControl = Optional(values, "CacheControl"),
                Expires = context.Request.Headers["Expires"],
                StorageClass = Optional(values, "StorageClass") ?? "STANDARD",
                Metadata = metadata,
                Tags = tags,
                Grants = grants,
                ChecksumAlgorithm = algorithm,
                ChecksumValue = checksum,
                Owner = context.AccountId,
            };
            var committed = await CommitAsync(bucket, version, Optional(values, "IfNoneMatch")).ConfigureAwait(false);
            var output = new JsonObject { ["ETag"] = committed.ETag };
            AddVersionId(output, bucket, committed);
            if (algorithm is not null)
            {
                output["Checksum" + algorithm] = checksum;
            }

            return new OperationData(output);
        }
        catch
        {
            store.Blobs.Delete(written.BlobId);
            throw;
        }
    }

    public OperationData GetObject(RequestContext context, OperationData input) => Read(context, input.Values, withBody: true);

    public OperationData HeadObject(RequestContext context, OperationData input) => Read(context, input.Values, withBody: false);

    public JsonObject DeleteObject(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var result = Delete(bucket, key, Optional(input, "VersionId"), context.AccountId);
        var output = new JsonObject();
        if (result.DeleteMarker)
        {
            output["DeleteMarker"] = true;
        }

        if (result.VersionId is not null)
        {
            output["VersionId"] = result.VersionId;
        }

        return output;
    }

    public JsonObject DeleteObjects(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var objects = input["Delete"]?["Objects"] as JsonArray ?? throw S3Errors.MalformedXml();
        if (objects.Count is 0 or > MaxDeleteObjects)
        {
            throw S3Errors.MalformedXml();
        }

        var quiet = input["Delete"]?["Quiet"]?.GetValue<bool>() == true;
        var deleted = new JsonArray();
        var errors = new JsonArray();
        foreach (var item in objects)
        {
            var key = item?["Key"]?.GetValue<string>();
            var versionId = item?["VersionId"]?.GetValue<string>();
            if (string.IsNullOrEmpty(key))
            {
                throw S3Errors.MalformedXml();
            }

            try
            {
                var result = Delete(bucket, key, versionId, context.AccountId);
                if (quiet)
                {
                    continue;
                }

                var entry = new JsonObject { ["Key"] = key };
                if (versionId is not null)
                {
                    entry["VersionId"] = versionId;
                }

                if (result.DeleteMarker)
                {
                    entry["DeleteMarker"] = true;
                    if (result.VersionId is not null)
                    {
                        entry["DeleteMarkerVersionId"] = result.VersionId;
                    }
                }

                deleted.Add(entry);
            }
            catch (AwsServiceException error)
            {
                var entry = new JsonObject { ["Key"] = key, ["Code"] = error.Code, ["Message"] = error.Message };
                if (versionId is not null)
                {
                    entry["VersionId"] = versionId;
                }

                errors.Add(entry);
            }
        }

        var output = new JsonObject();
        if (deleted.Count > 0)
        {
            output["Deleted"] = deleted;
        }

        if (errors.Count > 0)
        {
            output["Errors"] = errors;
        }

        return output;
    }

    public async Task<JsonObject> CopyObject(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var (sourceBucket, sourceKey, sourceVersionId, source) = ResolveCopySource(input);
        var replace = string.Equals(Optional(input, "MetadataDirective"), "REPLACE", StringComparison.Ordinal);
        if (!replace && ReferenceEquals(sourceBucket, bucket) && sourceKey == key && sourceVersionId is null
            && input["StorageClass"] is null && input["WebsiteRedirectLocation"] is null && input["ServerSideEncryption"] is null)
        {
            throw S3Errors.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        var tags = Optional(input, "TaggingDirective") switch
        {
            null or "COPY" => source.Tags,
            "REPLACE" => HeaderTags(input),
            var directive => throw S3Errors.InvalidArgument("Unknown tagging directive.", "x-amz-tagging-directive", directive),
        };
        var grants = ObjectAcl(bucket, input);
        var algorithm = Optional(input, "ChecksumAlgorithm")?.ToUpperInvariant() ?? source.ChecksumAlgorithm;
        Written written;
        var content = store.Blobs.OpenRead(source.BlobId!);
        await using (content.ConfigureAwait(false))
        {
            written = await WriteBodyAsync(content, algorithm, context.Aborted).ConfigureAwait(false);
        }

        var copy = source with
        {
            Key = key,
            VersionId = S3ObjectVersion.NullVersion,
            BlobId = written.BlobId,
            Size = written.Size,
            ETag = Quote(Convert.ToHexStringLower(written.Md5)),
            LastModified = Now(),
            PartsCount = null,
            PartSizes = null,
            ChecksumAlgorithm = algorithm,
            ChecksumValue = written.Checksum is null ? null : Convert.ToBase64String(written.Checksum),
            Owner = context.AccountId,
            StorageClass = Optional(input, "StorageClass") ?? source.StorageClass,
            Tags = tags,
            Grants = grants,
        };
        if (replace)
        {
            copy = copy with
            {
                ContentType = Optional(input, "ContentType") ?? "binary/octet-stream",
                ContentEncoding = Optional(input, "ContentEncoding"),
                ContentDisposition = Optional(input, "ContentDisposition"),
                ContentLanguage = Optional(input, "ContentLanguage"),
                CacheControl = Optional(input, "CacheControl"),
                Expires = context.Request.Headers["Expires"],
                Metadata = UserMetadata(input),
            };
        }

        S3ObjectVersion committed;
        try
        {
            committed = await CommitAsync(bucket, copy, ifNoneMatch: null).ConfigureAwait(false);
        }
        catch
        {
            store.Blobs.Delete(written.BlobId);
            throw;
        }

        var result = new JsonObject { ["ETag"] = committed.ETag, ["LastModified"] = committed.LastModified };
        if (committed.ChecksumAlgorithm is { } checksumAlgorithm && committed.ChecksumValue is { } checksumValue)
        {
            result["Checksum" + checksumAlgorithm] = checksumValue;
        }

        var output = new JsonObject { ["CopyObjectResult"] = result };
        AddVersionId(output, bucket, committed);
        if (source.VersionId != S3ObjectVersion.NullVersion || sourceVersionId is not null)
        {
            output["CopySourceVersionId"] = source.VersionId;
        }

        return output;
    }

    /// <summary>The version <c>x-amz-copy-source</c> names, once the <c>x-amz-copy-source-if-*</c> conditions hold for it.</summary>
    private (S3Bucket Bucket, string Key, string? VersionId, S3ObjectVersion Version) ResolveCopySource(JsonObject input)
    {
        var (bucketName, key, versionId) = CopySource.Parse(Required(input, "CopySource"));
        var bucket = store.Find(bucketName) ?? throw S3Errors.NoSuchBucket(bucketName);
        var version = Resolve(bucket, key, versionId, forCopy: true);
        Preconditions.Check(
            version,
            Optional(input, "CopySourceIfMatch"),
            Time(input, "CopySourceIfUnmodifiedSince"),
            Optional(input, "CopySourceIfNoneMatch"),
            Time(input, "CopySourceIfModifiedSince"),
            prefix: "x-amz-copy-source-");
        return (bucket, key, versionId, version);
    }

    /// <summary>Writes an object on behalf of a service (CloudTrail log files), after the caller checked the bucket policy.</summary>
    internal void PutAsService(string bucketName, string key, byte[] content, string contentType, string owner)
    {
        var bucket = store.Find(bucketName) ?? throw S3Errors.NoSuchBucket(bucketName);
        var written = WriteBodyAsync(new MemoryStream(content, writable: false), null, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            Commit(bucket, new S3ObjectVersion
            {
                Key = key,
                BlobId = written.BlobId,
                Size = written.Size,
                ETag = Quote(Convert.ToHexStringLower(written.Md5)),
                LastModified = Now(),
                ContentType = contentType,
                Owner = owner,
            }, ifNoneMatch: null);
        }
        catch
        {
            store.Blobs.Delete(written.BlobId);
            throw;
        }
    }

    private OperationData Read(RequestContext context, JsonObject input, bool withBody)
    {
        var bucket = RequireBucket(input);
        var key = RequireKey(input);
        var version = Resolve(bucket, key, Optional(input, "VersionId"), forCopy: false);
        Preconditions.Check(version, Optional(input, "IfMatch"), Time(input, "IfUnmodifiedSince"), Optional(input, "IfNoneMatch"), Time(input, "IfModifiedSince"));

        var output = ObjectHeaders(version, bucket);
        var range = input["PartNumber"] is null ? ByteRange.Parse(Optional(input, "Range"), version.Size) : PartRange(input, version);

        // The parts count is answered only to a read by part number (GetObject API reference).
        if (input["PartNumber"] is not null && version.PartsCount is { } parts)
        {
            output["PartsCount"] = parts;
        }

        var length = range?.Length ?? version.Size;
        output["ContentLength"] = length;
        if (range is { } r)
        {
            output["ContentRange"] = r.ContentRange(version.Size);
        }

        if (Optional(input, "ChecksumMode") is "ENABLED" && range is null && version.ChecksumAlgorithm is { } algorithm && version.ChecksumValue is { } value)
        {
            output["Checksum" + algorithm] = value;
        }

        ApplyResponseOverrides(input, output);
        var data = new OperationData(output) { StatusCode = range is null ? null : 206 };
        if (withBody)
        {
            if (version.Tags is { Count: > 0 } tags)
            {
                output["TagCount"] = tags.Count;
            }

            var stream = store.Blobs.OpenRead(version.BlobId!);
            if (range is { } part)
            {
                stream.Seek(part.First, SeekOrigin.Begin);
            }

            data.Stream = new BoundedStream(stream, length);
            data.StreamLength = length;
        }

        return data;
    }

    /// <summary>
    /// The bytes of part <c>partNumber</c> of an object (part 1 is the whole of one not uploaded in parts), answered
    /// 206 with its Content-Range; a Range header beside it is refused, a part past the last is InvalidPartNumber (416).
    /// </summary>
    private static ByteRange PartRange(JsonObject input, S3ObjectVersion version)
    {
        if (input["Range"] is not null)
        {
            throw S3Errors.InvalidRequest("Cannot specify both Range header and partNumber query parameter");
        }

        var partNumber = PartNumber(input);
        var sizes = version.PartSizes ?? [version.Size];
        if (partNumber > sizes.Length)
        {
            throw S3Errors.InvalidPartNumber();
        }

        var first = sizes.Take(partNumber - 1).Sum();
        return new ByteRange(first, first + sizes[partNumber - 1] - 1);
    }

    private static JsonObject ObjectHeaders(S3ObjectVersion version, S3Bucket bucket)
    {
        var output = new JsonObject
        {
            ["AcceptRanges"] = "bytes",
            ["LastModified"] = version.LastModified,
            ["ETag"] = version.ETag,
            ["ContentType"] = version.ContentType,
        };
        Set(output, "ContentEncoding", version.ContentEncoding);
        Set(output, "ContentDisposition", version.ContentDisposition);
        Set(output, "ContentLanguage", version.ContentLanguage);
        Set(output, "CacheControl", version.CacheControl);
        if (version.Expires is { } expires && Timestamps.TryParse(expires, out var expiresAt))
        {
            output["Expires"] = expiresAt;
        }
        if (version.StorageClass != "STANDARD")
        {
            output["StorageClass"] = version.StorageClass;
        }

        if (version.Metadata.Count > 0)
        {
            var metadata = new JsonObject();
            foreach (var (name, value) in version.Metadata)
            {
                metadata[name] = value;
            }

            output["Metadata"] = metadata;
        }

        AddVersionId(output, bucket, version);
        return output;
    }

    private static void ApplyResponseOverrides(JsonObject input, JsonObject output)
    {
        Override("ResponseCacheControl", "CacheControl");
        Override("ResponseContentDisposition", "ContentDisposition");
        Override("ResponseContentEncoding", "ContentEncoding");
        Override("ResponseContentLanguage", "ContentLanguage");
        Override("ResponseContentType", "ContentType");
        if (input["ResponseExpires"] is { } expires)
        {
            output["Expires"] = Timestamps.Read(expires);
        }

        void Override(string from, string to)
        {
            if (Optional(input, from) is { } value)
            {
                output[to] = value;
            }
        }
    }

    /// <summary>The version a read or copy addresses: the current one, or the one named; delete markers answer as AWS does.</summary>
    private static S3ObjectVersion Resolve(S3Bucket bucket, string key, string? versionId, bool forCopy)
    {
        lock (bucket.Gate)
        {
            if (versionId is null)
            {
                var current = bucket.Current(key);
                if (current is null)
                {
                    throw S3Errors.NoSuchKey(key);
                }

                if (current.IsDeleteMarker)
                {
                    var error = S3Errors.NoSuchKey(key);
                    return forCopy ? throw error : throw WithDeleteMarker(error, current.VersionId);
                }

                return current;
            }

            var version = bucket.Keys.TryGetValue(key, out var versions) ? versions.Find(v => v.VersionId == versionId) : null;
            if (version is null)
            {
                throw versionId == S3ObjectVersion.NullVersion || VersionIds.IsWellFormed(versionId)
                    ? S3Errors.NoSuchVersion(key, versionId)
                    : S3Errors.InvalidArgumentVersionId();
            }

            if (version.IsDeleteMarker)
            {
                // A delete marker named by id: 405, as S3 answers GET and HEAD on one.
                throw WithDeleteMarker(new AwsServiceException("MethodNotAllowed", "The specified method is not allowed against this resource.", 405)
                {
                    Details = new() { ["Method"] = forCopy ? "PUT" : "GET", ["ResourceType"] = "DeleteMarker" },
                }, version.VersionId);
            }

            return version;
        }
    }

    private static AwsServiceException WithDeleteMarker(AwsServiceException error, string versionId) =>
        new(error.Code, error.Message, error.StatusCode)
        {
            Details = error.Details,
            Headers = new Dictionary<string, string> { ["x-amz-delete-marker"] = "true", ["x-amz-version-id"] = versionId },
        };

    /// <summary>
    /// Makes a version current under the bucket's gate: with versioning enabled it gets a fresh id and joins the
    /// history; otherwise it is the <c>null</c> version and replaces the previous <c>null</c> version, whose body is
    /// then deleted. The record is appended to the store's journal under the gate, so the journal's order is the
    /// index's, and the caller is answered once it is durable; the wait is outside the gate so that concurrent
    /// puts share one fsync (group commit).
    /// </summary>
    private async Task<S3ObjectVersion> CommitAsync(S3Bucket bucket, S3ObjectVersion version, string? ifNoneMatch)
    {
        var (committed, durable, replaced) = Publish(bucket, version, ifNoneMatch);
        await durable.ConfigureAwait(false);
        DeleteReplaced(replaced);
        return committed;
    }

    /// <summary><see cref="CommitAsync"/> for callers that hold the gate or cannot await.</summary>
    private S3ObjectVersion Commit(S3Bucket bucket, S3ObjectVersion version, string? ifNoneMatch)
    {
        var (committed, durable, replaced) = Publish(bucket, version, ifNoneMatch);
        durable.GetAwaiter().GetResult();
        DeleteReplaced(replaced);
        return committed;
    }

    private void DeleteReplaced(S3ObjectVersion? replaced)
    {
        if (replaced?.BlobId is { } old)
        {
            store.Blobs.Delete(old);
        }
    }

    private (S3ObjectVersion Version, Task Durable, S3ObjectVersion? Replaced) Publish(S3Bucket bucket, S3ObjectVersion version, string? ifNoneMatch)
    {
        lock (bucket.Gate)
        {
            if (store.Find(bucket.Name) != bucket)
            {
                throw S3Errors.NoSuchBucket(bucket.Name);
            }

            var current = bucket.Current(version.Key);
            if (ifNoneMatch is not null && current is { IsDeleteMarker: false } && Preconditions.Matches(ifNoneMatch, current.ETag))
            {
                throw S3Errors.PreconditionFailed("If-None-Match");
            }

            var versioned = bucket.Settings.Versioning == "Enabled";
            version = version with { VersionId = versioned ? VersionIds.New() : S3ObjectVersion.NullVersion };
            var durable = store.Blobs.AppendRecord(bucket.Name, version.RecordId, version.ToRecord());
            if (!bucket.Keys.TryGetValue(version.Key, out var versions))
            {
                bucket.Keys[version.Key] = versions = [];
            }

            S3ObjectVersion? replaced = null;
            if (!versioned)
            {
                var index = versions.FindIndex(v => v.VersionId == S3ObjectVersion.NullVersion);
                if (index >= 0)
                {
                    replaced = versions[index];
                    versions.RemoveAt(index);
                }
            }

            versions.Insert(0, version);
            return (version, durable, replaced);
        }
    }

    /// <summary>Deletes a key (a delete marker when versioning is on) or one version of it.</summary>
    private (bool DeleteMarker, string? VersionId) Delete(S3Bucket bucket, string key, string? versionId, string accountId)
    {
        S3ObjectVersion? removed = null;
        (bool, string?) result;
        lock (bucket.Gate)
        {
            bucket.Keys.TryGetValue(key, out var versions);
            if (versionId is not null)
            {
                if (versionId != S3ObjectVersion.NullVersion && !VersionIds.IsWellFormed(versionId))
                {
                    throw S3Errors.InvalidArgumentVersionId();
                }

                var index = versions?.FindIndex(v => v.VersionId == versionId) ?? -1;
                if (index < 0)
                {
                    return (false, versionId);
                }

                removed = versions![index];
                store.Blobs.DeleteRecord(bucket.Name, removed.RecordId);
                versions.RemoveAt(index);
                if (versions.Count == 0)
                {
                    bucket.Keys.Remove(key);
                }

                result = (removed.IsDeleteMarker, versionId);
            }
            else if (bucket.Settings.Versioning is null)
            {
                if (versions is null)
                {
                    return (false, null);
                }

                removed = versions[0];
                store.Blobs.DeleteRecord(bucket.Name, removed.RecordId);
                bucket.Keys.Remove(key);
                result = (false, null);
            }
            else
            {
                var marker = new S3ObjectVersion
                {
                    Key = key,
                    IsDeleteMarker = true,
                    LastModified = Now(),
                    Owner = accountId,
                    VersionId = bucket.Settings.Versioning == "Enabled" ? VersionIds.New() : S3ObjectVersion.NullVersion,
                };
                store.Blobs.SaveRecord(bucket.Name, marker.RecordId, marker.ToRecord());
                if (versions is null)
                {
                    bucket.Keys[key] = versions = [];
                }

                if (marker.VersionId == S3ObjectVersion.NullVersion && versions.FindIndex(v => v.VersionId == S3ObjectVersion.NullVersion) is var nullIndex && nullIndex >= 0)
                {
                    removed = versions[nullIndex];
                    versions.RemoveAt(nullIndex);
                }

                versions.Insert(0, marker);
                result = (true, marker.VersionId);
            }
        }

        if (removed?.BlobId is { } blob)
        {
            store.Blobs.Delete(blob);
        }

        return result;
    }

    private async Task<Written> WriteBodyAsync(Stream body, string? algorithm, CancellationToken cancellationToken)
    {
        using var hashing = new HashingStream(body, algorithm is null ? null : NonCryptographicChecksum.For(algorithm));
        var blobId = await store.Blobs.WriteAsync(hashing, cancellationToken).ConfigureAwait(false);
        return new Written(blobId, hashing.BytesRead, hashing.Md5(), hashing.Checksum());
    }

    private static void VerifyContentMd5(string? contentMd5, byte[] md5)
    {
        if (contentMd5 is null)
        {
            return;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromBase64String(contentMd5);
        }
        catch (FormatException)
        {
            throw S3Errors.InvalidDigest();
        }

        if (expected.Length != 16)
        {
            throw S3Errors.InvalidDigest();
        }

        if (!expected.AsSpan().SequenceEqual(md5))
        {
            throw S3Errors.BadDigest();
        }
    }

    /// <summary>
    /// The additional checksum a PutObject carries: a header (<c>x-amz-checksum-crc32</c>...), a trailer of an
    /// aws-chunked body named by <c>x-amz-trailer</c>, or only <c>x-amz-sdk-checksum-algorithm</c> (S3 then computes it).
    /// </summary>
    private static string? RequestedChecksum(JsonObject input, RequestContext context)
    {
        foreach (var algorithm in ChecksumAlgorithms)
        {
            if (input["Checksum" + algorithm] is not null)
            {
                return algorithm;
            }
        }

        if (context.Request.Headers["x-amz-trailer"] is { } trailer
            && trailer.Trim().StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase))
        {
            var named = trailer.Trim()["x-amz-checksum-".Length..].ToUpperInvariant();
            return ChecksumAlgorithms.Contains(named) ? named : throw S3Errors.InvalidRequest($"The value specified in the x-amz-trailer header is not supported");
        }

        var sdk = Optional(input, "ChecksumAlgorithm")?.ToUpperInvariant();
        return sdk is null || ChecksumAlgorithms.Contains(sdk)
            ? sdk
            : throw S3Errors.InvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, SHA1, SHA256]");
    }

    private static string? VerifyChecksum(JsonObject input, Stream body, string? algorithm, byte[]? computed)
    {
        if (algorithm is null || computed is null)
        {
            return null;
        }

        var actual = Convert.ToBase64String(computed);
        var header = "x-amz-checksum-" + algorithm.ToLowerInvariant();
        var sent = Optional(input, "Checksum" + algorithm);
        if (sent is null && body is AwsChunkedStream chunked && chunked.Trailers.TryGetValue(header, out var trailer))
        {
            sent = trailer;
        }

        if (sent is not null && !IsChecksumOfLength(sent, computed.Length))
        {
            throw S3Errors.InvalidChecksum(header);
        }

        if (sent is not null && sent != actual)
        {
            throw S3Errors.BadChecksum(algorithm);
        }

        return actual;
    }

    private static bool IsChecksumOfLength(string base64, int length)
    {
        Span<byte> decoded = stackalloc byte[64];
        return Convert.TryFromBase64String(base64, decoded, out var written) && written == length;
    }

    private static Dictionary<string, string> UserMetadata(JsonObject input)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = 0;
        if (input["Metadata"] is JsonObject map)
        {
            foreach (var (name, value) in map)
            {
                var text = value?.GetValue<string>() ?? string.Empty;
                metadata[name.ToLowerInvariant()] = text;
                size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(text);
            }
        }

        return size > MaxMetadataBytes ? throw S3Errors.MetadataTooLarge() : metadata;
    }

    private static string RequireKey(JsonObject input)
    {
        var key = Required(input, "Key");
        return Encoding.UTF8.GetByteCount(key) > MaxKeyBytes ? throw S3Errors.KeyTooLong() : key;
    }

    /// <summary>The stored Content-Encoding: aws-chunked is transport only and is dropped.</summary>
    private static string? StoredContentEncoding(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var kept = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase));
        var joined = string.Join(',', kept);
        return joined.Length == 0 ? null : joined;
    }

    private static void AddVersionId(JsonObject output, S3Bucket bucket, S3ObjectVersion version)
    {
        if (bucket.Settings.Versioning is not null)
        {
            output["VersionId"] = version.VersionId;
        }
    }

    private static DateTimeOffset? Time(JsonObject input, string member) =>
        input[member] is { } node ? Timestamps.Read(node) : null;

    private static void Set(JsonObject output, string member, string? value)
    {
        if (value is not null)
        {
            output[member] = value;
        }
    }

    private static string Quote(string etag) => "\"" + etag + "\"";

    private readonly record struct Written(string BlobId, long Size, byte[] Md5, byte[]? Checksum);
}
