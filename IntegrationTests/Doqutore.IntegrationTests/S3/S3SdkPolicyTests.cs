using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>Bucket policies through AWSSDK.S3, taking effect for anonymous callers through the identity plane.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkPolicyTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task A_public_read_policy_lets_anonymous_callers_get_objects_and_only_that()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "pub");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "index.html", ContentBody = "<h1>public</h1>" });
        using var http = new HttpClient();
        var url = new Uri($"{emulator.Url}/{bucket}/index.html");
        using var before = await http.GetAsync(url);

        await s3.PutBucketPolicyAsync(bucket, PublicRead(bucket));
        var text = await http.GetStringAsync(url);
        using var put = await http.PutAsync(url, new StringContent("defaced"));

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("<h1>public</h1>", text);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_is_read_back_and_deleted()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "pol");
        var policy = PublicRead(bucket);

        await s3.PutBucketPolicyAsync(bucket, policy);
        var read = await s3.GetBucketPolicyAsync(bucket);
        var deleted = await s3.DeleteBucketPolicyAsync(bucket);

        Assert.Equal(policy, read.Policy);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);

        // After the delete the policy no longer admits anonymous readers (the CLI test reads NoSuchBucketPolicy itself).
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(new Uri($"{emulator.Url}/{bucket}/k"));
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_policy_that_is_not_JSON_is_MalformedPolicy()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "pol");

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketPolicyAsync(bucket, "not json"));

        Assert.Equal("MalformedPolicy", error.ErrorCode);
        Assert.Equal("Policies must be valid JSON and the first byte must be '{'", error.Message);
    }

    private static string PublicRead(string bucket) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";
}
