using Amazon.Runtime;
using Amazon.S3;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>AWSSDK.S3 4 (rest-xml, aws-chunked uploads with CRC32 trailers by default) pointed at the emulator.</summary>
internal static class S3Sdk
{
    public static AmazonS3Client Client(EmulatorFixture emulator, AWSCredentials? credentials = null, bool pathStyle = true)
    {
        var config = SdkClients.Configure(new AmazonS3Config { ForcePathStyle = pathStyle }, emulator);
        return new AmazonS3Client(credentials ?? SdkClients.Root, config);
    }

    /// <summary>Creates a uniquely named bucket and returns its name.</summary>
    public static async Task<string> NewBucket(IAmazonS3 s3, string prefix = "b")
    {
        var name = AwsCli.Unique(prefix);
        await s3.PutBucketAsync(name);
        return name;
    }

    public static async Task<string> ReadText(IAmazonS3 s3, string bucket, string key)
    {
        using var response = await s3.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }
}
