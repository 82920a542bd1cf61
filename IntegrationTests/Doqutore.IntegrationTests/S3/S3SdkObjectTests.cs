using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>The official AWSSDK.S3 on objects: put, get (ranges, conditions), head, copy, delete, DeleteObjects.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkObjectTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task An_object_put_with_metadata_comes_back_byte_for_byte_with_its_ETag_and_headers()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var body = Encoding.UTF8.GetBytes("hello, world");
        var request = new PutObjectRequest { BucketName = bucket, Key = "dir/hello.txt", InputStream = new MemoryStream(body), ContentType = "text/plain" };
        request.Metadata.Add("x-amz-meta-owner", "ward-7");

        var put = await s3.PutObjectAsync(request);
        using var get = await s3.GetObjectAsync(bucket, "dir/hello.txt");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);

        var md5 = "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";
        Assert.Equal(md5, put.ETag);
        Assert.Equal(md5, get.ETag);
        Assert.Equal(body, copy.ToArray());
        Assert.Equal("text/plain", get.Headers.ContentType);
        Assert.Equal("ward-7", get.Metadata["x-amz-meta-owner"]);
        Assert.Equal(body.Length, get.ContentLength);
    }

    [Fact]
    public async Task A_range_answers_206_with_the_bytes_and_Content_Range()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "r", ContentBody = "0123456789" });

        using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r", ByteRange = new ByteRange(2, 5) });
        using var reader = new StreamReader(get.ResponseStream);

        Assert.Equal(HttpStatusCode.PartialContent, get.HttpStatusCode);
        Assert.Equal("2345", await reader.ReadToEndAsync());
        Assert.Equal("bytes 2-5/10", get.ContentRange);
    }

    [Fact]
    public async Task A_range_past_the_end_is_InvalidRange()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "r", ContentBody = "0123456789" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "r", ByteRange = new ByteRange("bytes=20-") }));

        Assert.Equal("InvalidRange", error.ErrorCode);
        Assert.Equal("The requested range is not satisfiable", error.Message);
    }

    [Fact]
    public async Task If_None_Match_with_the_current_ETag_answers_304()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "c", ContentBody = "x" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "c", EtagToNotMatch = put.ETag }));

        Assert.Equal(HttpStatusCode.NotModified, error.StatusCode);
    }

    [Fact]
    public async Task If_Match_with_another_ETag_is_PreconditionFailed()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "c", ContentBody = "x" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "c", EtagToMatch = "\"0000\"" }));

        Assert.Equal("PreconditionFailed", error.ErrorCode);
        Assert.Equal("At least one of the pre-conditions you specified did not hold", error.Message);
        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
    }

    [Fact]
    public async Task If_Modified_Since_after_the_last_modification_answers_304()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "c", ContentBody = "x" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "c", ModifiedSinceDate = DateTime.UtcNow.AddMinutes(1) }));

        Assert.Equal(HttpStatusCode.NotModified, error.StatusCode);
    }

    [Fact]
    public async Task A_missing_key_is_NoSuchKey_naming_the_key()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "nope"));

        Assert.Equal("NoSuchKey", error.ErrorCode);
        Assert.Equal("The specified key does not exist.", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task A_wrong_Content_MD5_is_BadDigest_and_stores_nothing()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "d",
            ContentBody = "payload",
            MD5Digest = Convert.ToBase64String(MD5.HashData("other"u8.ToArray())),
        }));

        Assert.Equal("BadDigest", error.ErrorCode);
        Assert.Equal("The Content-MD5 you specified did not match what we received.", error.Message);
        await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(bucket, "d"));
    }

    [Fact]
    public async Task A_SHA256_checksum_is_verified_stored_and_returned()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var expected = Convert.ToBase64String(SHA256.HashData("payload"u8.ToArray()));

        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "s", ContentBody = "payload", ChecksumAlgorithm = ChecksumAlgorithm.SHA256 });
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "s", ChecksumMode = ChecksumMode.ENABLED });

        Assert.Equal(expected, put.ChecksumSHA256);
        Assert.Equal(expected, head.ChecksumSHA256);
    }

    [Fact]
    public async Task A_checksum_header_of_the_wrong_length_is_InvalidRequest()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "s", ContentBody = "payload", ChecksumSHA256 = "AAAA" }));

        Assert.Equal("InvalidRequest", error.ErrorCode);
        Assert.Equal("Value for x-amz-checksum-sha256 header is invalid.", error.Message);
    }

    [Fact]
    public async Task A_checksum_that_does_not_match_is_BadDigest()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var other = Convert.ToBase64String(SHA256.HashData("other"u8.ToArray()));

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "s", ContentBody = "payload", ChecksumSHA256 = other }));

        Assert.Equal("BadDigest", error.ErrorCode);
        Assert.Equal("The SHA256 you specified did not match the calculated checksum.", error.Message);
    }

    [Fact]
    public async Task Head_reports_length_type_and_metadata_without_a_body()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "h", ContentBody = "twelve bytes", ContentType = "text/csv" });

        var head = await s3.GetObjectMetadataAsync(bucket, "h");

        Assert.Equal(12, head.ContentLength);
        Assert.Equal("text/csv", head.Headers.ContentType);
    }

    [Fact]
    public async Task A_copy_keeps_the_body_and_metadata_unless_replaced()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var target = await S3Sdk.NewBucket(s3);
        var put = new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "copied", ContentType = "text/plain" };
        put.Metadata.Add("x-amz-meta-a", "1");
        await s3.PutObjectAsync(put);

        var copy = await s3.CopyObjectAsync(bucket, "src", target, "dst");
        var head = await s3.GetObjectMetadataAsync(target, "dst");

        Assert.Equal(HttpStatusCode.OK, copy.HttpStatusCode);
        Assert.Equal("copied", await S3Sdk.ReadText(s3, target, "dst"));
        Assert.Equal("1", head.Metadata["x-amz-meta-a"]);
        Assert.Equal("text/plain", head.Headers.ContentType);
        Assert.Equal(copy.ETag, head.ETag);
    }

    [Fact]
    public async Task Copying_an_object_onto_itself_without_changes_is_refused()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "self", ContentBody = "x" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.CopyObjectAsync(bucket, "self", bucket, "self"));

        Assert.Equal("InvalidRequest", error.ErrorCode);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_deleting_again_succeeds()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "gone", ContentBody = "x" });

        await s3.DeleteObjectAsync(bucket, "gone");
        var again = await s3.DeleteObjectAsync(bucket, "gone");

        Assert.Equal(HttpStatusCode.NoContent, again.HttpStatusCode);
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "gone"));
        Assert.Equal("NoSuchKey", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteObjects_reports_each_key_deleted()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        foreach (var key in new[] { "a", "b", "c" })
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }

        var result = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = [new KeyVersion { Key = "a" }, new KeyVersion { Key = "b" }, new KeyVersion { Key = "missing" }],
        });
        var left = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });

        Assert.Equal(["a", "b", "missing"], result.DeletedObjects.Select(d => d.Key).Order());
        Assert.Equal(["c"], left.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task A_presigned_PUT_url_uploads_and_a_presigned_GET_url_reads()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var putUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = "p", Verb = HttpVerb.PUT, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP });
        var getUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = "p", Verb = HttpVerb.GET, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP });
        using var http = new HttpClient();

        using var put = await http.PutAsync(new Uri(putUrl), new StringContent("presigned"));
        var text = await http.GetStringAsync(new Uri(getUrl));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("presigned", text);
    }
}
