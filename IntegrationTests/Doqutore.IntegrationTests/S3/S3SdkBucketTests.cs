using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>The official AWSSDK.S3 on buckets: create, head, location, list, delete, and AWS's errors.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkBucketTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task A_bucket_is_created_found_listed_located_and_deleted()
    {
        using var s3 = S3Sdk.Client(emulator);
        var name = await S3Sdk.NewBucket(s3);

        var head = await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = name });
        var location = await s3.GetBucketLocationAsync(name);
        var list = await s3.ListBucketsAsync();
        await s3.DeleteBucketAsync(name);

        Assert.Equal(HttpStatusCode.OK, head.HttpStatusCode);
        Assert.True(string.IsNullOrEmpty(location.Location?.Value), "us-east-1 is the empty location constraint");
        Assert.Contains(list.Buckets, b => b.BucketName == name);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetBucketLocationAsync(name));
        Assert.Equal("NoSuchBucket", error.ErrorCode);
        Assert.Equal("The specified bucket does not exist", error.Message);
    }

    [Fact]
    public async Task Creating_a_bucket_you_own_again_is_BucketAlreadyOwnedByYou()
    {
        using var s3 = S3Sdk.Client(emulator);
        var name = await S3Sdk.NewBucket(s3);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(name));

        Assert.Equal("BucketAlreadyOwnedByYou", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper-Case")]
    [InlineData("under_score")]
    [InlineData("192.168.5.4")]
    [InlineData("two..dots")]
    [InlineData("-leading-hyphen")]
    public async Task An_invalid_bucket_name_is_InvalidBucketName(string name)
    {
        using var s3 = S3Sdk.Client(emulator);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(name));

        Assert.Equal("InvalidBucketName", error.ErrorCode);
        Assert.Equal("The specified bucket is not valid.", error.Message);
    }

    [Fact]
    public async Task A_bucket_with_objects_cannot_be_deleted()
    {
        using var s3 = S3Sdk.Client(emulator);
        var name = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = "k", ContentBody = "x" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.DeleteBucketAsync(name));

        Assert.Equal("BucketNotEmpty", error.ErrorCode);
        Assert.Equal("The bucket you tried to delete is not empty", error.Message);
    }

    [Fact]
    public async Task A_location_constraint_other_than_the_endpoint_region_is_refused()
    {
        using var s3 = S3Sdk.Client(emulator);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync(new PutBucketRequest
        {
            BucketName = AwsCli.Unique("loc"),
            PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = new BucketLocationConstraint("eu-west-1") },
        }));

        Assert.Equal("IllegalLocationConstraintException", error.ErrorCode);
    }

    [Fact]
    public async Task A_presigned_virtual_hosted_url_reads_the_object()
    {
        using var s3 = S3Sdk.Client(emulator);
        var name = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = "hello.txt", ContentBody = "hi there" });
        var port = emulator.Endpoint.Port;
        var config = SdkClients.Configure(new AmazonS3Config { ForcePathStyle = false }, emulator);
        config.ServiceURL = $"http://localhost:{port}";
        using var virtualHosted = new AmazonS3Client(SdkClients.Root, config);
        var url = new Uri(await virtualHosted.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = name,
            Key = "hello.txt",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Verb = HttpVerb.GET,
        }));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{emulator.Url}{url.PathAndQuery}"));
        request.Headers.Host = url.Authority;

        using var response = await http.SendAsync(request);

        Assert.Equal($"{name}.localhost:{port}", url.Authority);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi there", await response.Content.ReadAsStringAsync());
    }
}
