using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.RoundTrip;

/// <summary>AWSSDK.S3 (rest-xml, aws-chunked uploads, path style) through our parser and serializer.</summary>
public class S3RoundTripTests(CapturingEmulatorFixture emulator) : IClassFixture<CapturingEmulatorFixture>
{
    private AmazonS3Client Client() => new(SdkClients.Root, SdkClients.Configure(new AmazonS3Config { ForcePathStyle = true }, emulator));

    [Fact]
    public async Task PutObject_body_headers_and_metadata_arrive_through_the_signed_stream()
    {
        using var s3 = Client();
        var body = string.Concat(Enumerable.Repeat("0123456789abcdef", 10_000));
        var request = new PutObjectRequest
        {
            BucketName = "frontend",
            Key = "site/a b+c.js",
            ContentBody = body,
            ContentType = "application/javascript",
        };
        request.Metadata.Add("x-amz-meta-build", "42");

        var response = await s3.PutObjectAsync(request);

        var input = emulator.Provider<CapturingS3>().Input("PutObject");
        Assert.Equal("frontend", (string?)input["Bucket"]);
        Assert.Equal("site/a b+c.js", (string?)input["Key"]);
        Assert.Equal("application/javascript", (string?)input["ContentType"]);
        Assert.Equal("42", (string?)input["Metadata"]!["build"]);
        Assert.Equal(body, Encoding.UTF8.GetString(emulator.Provider<CapturingS3>().LastBody));
        Assert.Equal("v1", response.VersionId);
    }

    [Fact]
    public async Task GetObject_streams_the_body_and_headers_back_to_the_SDK()
    {
        using var s3 = Client();

        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "frontend", Key = "site/index.html", ByteRange = new ByteRange(0, 100) });
        using var reader = new StreamReader(response.ResponseStream);

        Assert.Equal("<html>doqutore</html>", await reader.ReadToEndAsync());
        Assert.Equal("text/html", response.Headers.ContentType);
        Assert.Equal("frontend-deployment", response.Metadata["x-amz-meta-owner"]);
        Assert.Equal(new DateTime(2026, 11, 30, 1, 2, 3, DateTimeKind.Utc), response.LastModified!.Value.ToUniversalTime());
        Assert.Equal("bytes=0-100", (string?)emulator.Provider<CapturingS3>().Input("GetObject")["Range"]);
    }

    [Fact]
    public async Task ListObjectsV2_query_and_listing_round_trip()
    {
        using var s3 = Client();

        var response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "frontend", Prefix = "site/", MaxKeys = 50 });

        var input = emulator.Provider<CapturingS3>().Input("ListObjectsV2");
        Assert.Equal("site/", (string?)input["Prefix"]);
        Assert.Equal(50L, (long?)input["MaxKeys"]);
        Assert.Equal(["site/index.html", "site/a b+c.js"], response.S3Objects.Select(o => o.Key));
        Assert.Equal(21, response.S3Objects[0].Size);
    }

    [Fact]
    public async Task DeleteObjects_sends_its_XML_payload_and_reads_partial_failures()
    {
        using var s3 = Client();

        var error = await Assert.ThrowsAsync<DeleteObjectsException>(() => s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = "frontend",
            Objects = [new KeyVersion { Key = "site/index.html" }, new KeyVersion { Key = "site/locked.js", VersionId = "v9" }],
            Quiet = false,
        }));

        var objects = emulator.Provider<CapturingS3>().Input("DeleteObjects")["Delete"]!["Objects"]!.AsArray();
        Assert.Equal("site/locked.js", (string?)objects[1]!["Key"]);
        Assert.Equal("v9", (string?)objects[1]!["VersionId"]);
        Assert.Equal("AccessDenied", Assert.Single(error.Response.DeleteErrors).Code);
        Assert.Equal("site/index.html", Assert.Single(error.Response.DeletedObjects).Key);
    }

    [Fact]
    public async Task A_HEAD_error_reaches_the_SDK_as_its_status()
    {
        using var s3 = Client();

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = "missing" }));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }
}
