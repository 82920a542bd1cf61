using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>The official AWSSDK.S3 multipart uploads: TransferUtility, the low-level calls, and AWS's part rules.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkMultipartTests(EmulatorFixture emulator)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task TransferUtility_uploads_in_parts_and_downloads_byte_for_byte()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var body = RandomNumberGenerator.GetBytes(17 * MiB);
        using var transfer = new TransferUtility(s3, new TransferUtilityConfig { ConcurrentServiceRequests = 4 });

        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = bucket,
            Key = "big.bin",
            InputStream = new MemoryStream(body),
            PartSize = 5 * MiB,
        });
        var head = await s3.GetObjectMetadataAsync(bucket, "big.bin");
        var firstPart = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "big.bin", PartNumber = 1 });
        using var get = await s3.GetObjectAsync(bucket, "big.bin");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);

        Assert.Equal(body.Length, head.ContentLength);
        Assert.EndsWith("-4\"", head.ETag, StringComparison.Ordinal);
        Assert.Null(head.PartsCount);
        Assert.Equal(4, firstPart.PartsCount);
        Assert.Equal(5 * MiB, firstPart.ContentLength);
        Assert.True(body.AsSpan().SequenceEqual(copy.ToArray()), "the downloaded object differs from the upload");
    }

    [Fact]
    public async Task The_ETag_is_the_MD5_of_the_part_MD5s_with_the_part_count()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var first = RandomNumberGenerator.GetBytes(5 * MiB);
        var second = RandomNumberGenerator.GetBytes(10);
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "two");

        var p1 = await UploadPart(s3, bucket, "two", upload.UploadId, 1, first);
        var p2 = await UploadPart(s3, bucket, "two", upload.UploadId, 2, second);
        var done = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "two",
            UploadId = upload.UploadId,
            PartETags = [new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)],
        });

        var expected = Convert.ToHexStringLower(MD5.HashData([.. MD5.HashData(first), .. MD5.HashData(second)])) + "-2";
        Assert.Equal($"\"{expected}\"", done.ETag);
    }

    [Fact]
    public async Task A_part_under_5_MiB_before_the_last_is_EntityTooSmall()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "small");
        var p1 = await UploadPart(s3, bucket, "small", upload.UploadId, 1, new byte[1024]);
        var p2 = await UploadPart(s3, bucket, "small", upload.UploadId, 2, new byte[1024]);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "small",
            UploadId = upload.UploadId,
            PartETags = [new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)],
        }));

        Assert.Equal("EntityTooSmall", error.ErrorCode);
        Assert.Equal("Your proposed upload is smaller than the minimum allowed object size.", error.Message);
    }

    [Fact]
    public async Task A_part_with_a_wrong_ETag_is_InvalidPart()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "wrong");
        await UploadPart(s3, bucket, "wrong", upload.UploadId, 1, new byte[10]);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "wrong",
            UploadId = upload.UploadId,
            PartETags = [new PartETag(1, "\"00000000000000000000000000000000\"")],
        }));

        Assert.Equal("InvalidPart", error.ErrorCode);
    }

    [Fact]
    public async Task Uploads_and_parts_are_listed_and_an_aborted_upload_is_gone()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "listed");
        await UploadPart(s3, bucket, "listed", upload.UploadId, 1, new byte[10]);
        await UploadPart(s3, bucket, "listed", upload.UploadId, 3, new byte[20]);

        var uploads = await s3.ListMultipartUploadsAsync(bucket);
        var parts = await s3.ListPartsAsync(bucket, "listed", upload.UploadId);
        await s3.AbortMultipartUploadAsync(bucket, "listed", upload.UploadId);

        Assert.Equal([upload.UploadId], uploads.MultipartUploads.Select(u => u.UploadId));
        Assert.Equal([1, 3], parts.Parts.Select(p => p.PartNumber ?? 0));
        Assert.Equal([10L, 20L], parts.Parts.Select(p => p.Size ?? 0));
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListPartsAsync(bucket, "listed", upload.UploadId));
        Assert.Equal("NoSuchUpload", error.ErrorCode);
    }

    private static Task<UploadPartResponse> UploadPart(IAmazonS3 s3, string bucket, string key, string uploadId, int number, byte[] body) =>
        s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            InputStream = new MemoryStream(body),
        });

    [Fact]
    public async Task UploadPartCopy_builds_an_object_from_ranges_of_another_and_each_part_reads_back_by_partNumber()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        var source = RandomNumberGenerator.GetBytes((12 * MiB) + 7);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "source", InputStream = new MemoryStream(source) });
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "assembled");

        var parts = new List<PartETag>();
        foreach (var (number, first, last) in new[] { (1, 0L, (5L * MiB) - 1), (2, 5L * MiB, source.Length - 1L) })
        {
            var copied = await s3.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "assembled",
                UploadId = upload.UploadId, PartNumber = number, FirstByte = first, LastByte = last,
            });
            parts.Add(new PartETag(number, copied.ETag));
        }

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "assembled", UploadId = upload.UploadId, PartETags = parts });
        using var whole = await s3.GetObjectAsync(bucket, "assembled");
        using var second = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "assembled", PartNumber = 2 });

        var wholeBytes = await ReadAll(whole.ResponseStream);
        var secondBytes = await ReadAll(second.ResponseStream);

        Assert.Equal(SHA256.HashData(source), SHA256.HashData(wholeBytes));
        Assert.Equal(SHA256.HashData(source.AsSpan(5 * MiB)), SHA256.HashData(secondBytes));
        Assert.Equal(System.Net.HttpStatusCode.PartialContent, second.HttpStatusCode);
        Assert.Equal($"bytes {5 * MiB}-{source.Length - 1}/{source.Length}", second.ContentRange);
        Assert.Equal(2, second.PartsCount);
    }

    [Fact]
    public async Task UploadPartCopy_of_a_range_past_the_source_is_InvalidArgument()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "source", ContentBody = "0123456789" });
        var upload = await s3.InitiateMultipartUploadAsync(bucket, "assembled");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket, SourceKey = "source", DestinationBucket = bucket, DestinationKey = "assembled",
            UploadId = upload.UploadId, PartNumber = 1, FirstByte = 5, LastByte = 10,
        }));

        Assert.Equal("InvalidArgument", error.ErrorCode);
        Assert.Equal("Range specified is not valid for source object of size: 10", error.Message);
    }

    [Fact]
    public async Task A_part_number_past_the_last_part_is_InvalidPartNumber()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "single", ContentBody = "one part" });

        using var first = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "single", PartNumber = 1 });
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "single", PartNumber = 2 }));

        Assert.Equal("one part", System.Text.Encoding.UTF8.GetString(await ReadAll(first.ResponseStream)));
        Assert.Equal("InvalidPartNumber", error.ErrorCode);
        Assert.Equal(416, (int)error.StatusCode);
    }

    private static async Task<byte[]> ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
