using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// S3's errors: code, message and status as AWS answers them (messages from AWS's error-code table), with the
/// extra elements S3 writes beside them (<c>BucketName</c>, <c>Key</c>, <c>Condition</c>).
/// </summary>
internal static class S3Errors
{
    public static AwsServiceException NoSuchBucket(string bucket) =>
        new("NoSuchBucket", "The specified bucket does not exist", 404) { Details = new() { ["BucketName"] = bucket } };

    public static AwsServiceException NoSuchKey(string key) =>
        new("NoSuchKey", "The specified key does not exist.", 404) { Details = new() { ["Key"] = key } };

    public static AwsServiceException NoSuchVersion(string key, string versionId) =>
        new("NoSuchVersion", "The specified version does not exist.", 404) { Details = new() { ["Key"] = key, ["VersionId"] = versionId } };

    public static AwsServiceException InvalidArgumentVersionId() =>
        new("InvalidArgument", "Invalid version id specified", 400) { Details = new() { ["ArgumentName"] = "versionId" } };

    public static AwsServiceException BucketAlreadyOwnedByYou(string bucket) =>
        new("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409)
        {
            Details = new() { ["BucketName"] = bucket },
        };

    public static AwsServiceException BucketAlreadyExists(string bucket) =>
        new("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", 409)
        {
            Details = new() { ["BucketName"] = bucket },
        };

    public static AwsServiceException BucketNotEmpty(string bucket) =>
        new("BucketNotEmpty", "The bucket you tried to delete is not empty", 409) { Details = new() { ["BucketName"] = bucket } };

    public static AwsServiceException InvalidBucketName(string bucket) =>
        new("InvalidBucketName", "The specified bucket is not valid.", 400) { Details = new() { ["BucketName"] = bucket } };

    public static AwsServiceException InvalidLocationConstraint() =>
        new("InvalidLocationConstraint", "The specified location-constraint is not valid", 400);

    public static AwsServiceException IllegalLocationConstraint(string constraint, string region) =>
        new("IllegalLocationConstraintException", $"The {constraint} location constraint is incompatible for the region specific endpoint this request was sent to.", 400);

    public static AwsServiceException BadDigest() =>
        new("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);

    public static AwsServiceException InvalidDigest() =>
        new("InvalidDigest", "The Content-MD5 you specified was invalid.", 400);

    public static AwsServiceException BadChecksum(string algorithm) =>
        new("BadDigest", $"The {algorithm} you specified did not match the calculated checksum.", 400);

    public static AwsServiceException InvalidChecksum(string header) =>
        new("InvalidRequest", $"Value for {header} header is invalid.", 400);

    public static AwsServiceException PreconditionFailed(string condition) =>
        new("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412) { Details = new() { ["Condition"] = condition } };

    public static AwsServiceException NotModified() => new("NotModified", "Not Modified", 304);

    public static AwsServiceException InvalidRange(long size, string range) =>
        new("InvalidRange", "The requested range is not satisfiable", 416)
        {
            Details = new() { ["ActualObjectSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture), ["RangeRequested"] = range },
            Headers = new Dictionary<string, string> { ["Content-Range"] = $"bytes */{size}" },
        };

    public static AwsServiceException InvalidArgument(string message, string name, string? value) =>
        new("InvalidArgument", message, 400) { Details = value is null ? new() { ["ArgumentName"] = name } : new() { ["ArgumentName"] = name, ["ArgumentValue"] = value } };

    public static AwsServiceException InvalidRequest(string message) => new("InvalidRequest", message, 400);

    public static AwsServiceException MalformedXml() =>
        new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);

    public static AwsServiceException KeyTooLong() =>
        new("KeyTooLongError", "Your key is too long", 400);

    public static AwsServiceException MetadataTooLarge() =>
        new("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.", 400);

    public static AwsServiceException EntityTooLarge() =>
        new("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400);

    public static AwsServiceException NoSuchUpload(string uploadId) =>
        new("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404)
        {
            Details = new() { ["UploadId"] = uploadId },
        };

    public static AwsServiceException EntityTooSmall(long size) =>
        new("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", 400)
        {
            Details = new() { ["ProposedSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MinSizeAllowed"] = "5242880" },
        };

    public static AwsServiceException InvalidPart(int partNumber, string etag) =>
        new("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", 400)
        {
            Details = new() { ["PartNumber"] = partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ETag"] = etag },
        };

    public static AwsServiceException InvalidPartOrder() =>
        new("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", 400);

    public static AwsServiceException NoSuchBucketPolicy(string bucket) =>
        new("NoSuchBucketPolicy", "The bucket policy does not exist", 404) { Details = new() { ["BucketName"] = bucket } };

    public static AwsServiceException InvalidTag(string message) => new("InvalidTag", message, 400);

    public static AwsServiceException NoSuchTagSet(string bucket) =>
        new("NoSuchTagSet", "The TagSet does not exist", 404) { Details = new() { ["BucketName"] = bucket } };

    public static AwsServiceException AccessControlListNotSupported() =>
        new("AccessControlListNotSupported", "The bucket does not allow ACLs", 400);

    public static AwsServiceException InvalidBucketAclWithObjectOwnership() =>
        new("InvalidBucketAclWithObjectOwnership", "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);

    public static AwsServiceException InvalidPartNumber() =>
        new("InvalidPartNumber", "The requested partnumber is not satisfiable", 416);
}
