namespace Doqutore.Emulator.Delivery;

/// <summary>
/// How other services read an S3 object as AWS services do for their callers (Lambda's <c>Code.S3Bucket</c>,
/// <c>S3Key</c>, <c>S3ObjectVersion</c>). Implemented by S3; read-only.
/// </summary>
public interface IObjectReader
{
    /// <summary>The object's bytes (the current version, or <paramref name="versionId"/>), at most <paramref name="maxBytes"/> long.</summary>
    /// <exception cref="ObjectReadException">The bucket, key or version does not exist, or the object is too large.</exception>
    byte[] Read(string bucket, string key, string? versionId, long maxBytes);
}

/// <summary>
/// Why an object could not be read, in S3's own words (<c>NoSuchBucket</c>, <c>NoSuchKey</c>, <c>NoSuchVersion</c>,
/// <c>EntityTooLarge</c>), so the reading service can quote them as AWS does.
/// </summary>
public sealed class ObjectReadException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
