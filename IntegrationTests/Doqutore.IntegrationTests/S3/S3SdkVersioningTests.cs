using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>The official AWSSDK.S3 on a versioned bucket: version ids, delete markers, ListObjectVersions.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkVersioningTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Every_put_keeps_a_version_readable_by_its_id()
    {
        var (s3, bucket) = await Versioned();
        var v1 = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "one" });
        var v2 = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "two" });

        using var old = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = v1.VersionId });
        using var reader = new StreamReader(old.ResponseStream);

        Assert.NotEqual(v1.VersionId, v2.VersionId);
        Assert.Equal("one", await reader.ReadToEndAsync());
        Assert.Equal("two", await S3Sdk.ReadText(s3, bucket, "k"));
        Assert.Equal(v1.VersionId, old.VersionId);
    }

    [Fact]
    public async Task A_delete_leaves_a_marker_and_removing_the_marker_restores_the_object()
    {
        var (s3, bucket) = await Versioned();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "kept" });

        var deleted = await s3.DeleteObjectAsync(bucket, "k");
        var hidden = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "k"));
        var listing = await s3.ListVersionsAsync(bucket);
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = deleted.VersionId });

        Assert.Equal("true", deleted.DeleteMarker);
        Assert.Equal("NoSuchKey", hidden.ErrorCode);
        Assert.Equal(2, listing.Versions.Count);
        Assert.Single(listing.Versions, v => v.IsDeleteMarker == true && v.IsLatest == true && v.VersionId == deleted.VersionId);
        Assert.Equal("kept", await S3Sdk.ReadText(s3, bucket, "k"));
    }

    [Fact]
    public async Task GetBucketVersioning_reports_the_status()
    {
        var (s3, bucket) = await Versioned();

        var status = await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket });

        Assert.Equal(VersionStatus.Enabled, status.VersioningConfig.Status);
    }

    [Fact]
    public async Task ListObjectVersions_pages_with_key_and_version_markers()
    {
        var (s3, bucket) = await Versioned();
        for (var i = 0; i < 3; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = $"{i}" });
        }

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "b", ContentBody = "b" });

        var first = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, MaxKeys = 2 });
        var second = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, KeyMarker = first.NextKeyMarker, VersionIdMarker = first.NextVersionIdMarker });

        Assert.True(first.IsTruncated);
        Assert.Equal(["a", "a"], first.Versions.Select(v => v.Key));
        Assert.Equal(["a", "b"], second.Versions.Select(v => v.Key));
        Assert.Equal(4, first.Versions.Concat(second.Versions).Select(v => v.VersionId).Distinct().Count());
    }

    private async Task<(AmazonS3Client S3, string Bucket)> Versioned()
    {
        var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "ver");
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        return (s3, bucket);
    }
}
