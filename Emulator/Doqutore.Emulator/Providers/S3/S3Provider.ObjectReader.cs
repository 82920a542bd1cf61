using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// S3 as <see cref="IObjectReader"/>: other services (Lambda's code from <c>S3Bucket</c>/<c>S3Key</c>) read an object
/// the way GetObject resolves it, with S3's error codes.
/// </summary>
internal sealed partial class S3Provider : IObjectReader
{
    public byte[] Read(string bucket, string key, string? versionId, long maxBytes)
    {
        var found = store.Find(bucket) ?? throw new ObjectReadException("NoSuchBucket", "The specified bucket does not exist");
        S3ObjectVersion version;
        try
        {
            version = Resolve(found, key, versionId, forCopy: true);
        }
        catch (AwsServiceException error)
        {
            throw new ObjectReadException(error.Code, error.Message);
        }

        if (version.Size > maxBytes)
        {
            throw new ObjectReadException("EntityTooLarge", $"The object is larger than {maxBytes} bytes.");
        }

        using var content = store.Blobs.OpenRead(version.BlobId!);
        var bytes = new byte[version.Size];
        content.ReadExactly(bytes);
        return bytes;
    }
}

/// <summary>Registers S3 as the emulator's <see cref="IObjectReader"/>.</summary>
public static class S3ObjectReaderServices
{
    public static IServiceCollection AddS3ObjectReader(this IServiceCollection services) =>
        services.AddSingleton<IObjectReader>(sp => sp.GetRequiredService<S3Provider>());
}
