using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>The official AWSSDK.S3 listing keys: ListObjectsV2 and ListObjects with prefixes, delimiters and paging.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkListingTests(EmulatorFixture emulator)
{
    private static readonly string[] Keys = ["a.txt", "photos/2024/jan.jpg", "photos/2024/feb.jpg", "photos/2025/mar.jpg", "photos/index.html", "z.txt"];

    [Fact]
    public async Task A_delimiter_rolls_keys_up_into_common_prefixes()
    {
        var (s3, bucket) = await Seeded();

        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "photos/", Delimiter = "/" });

        Assert.Equal(["photos/index.html"], page.S3Objects.Select(o => o.Key));
        Assert.Equal(["photos/2024/", "photos/2025/"], page.CommonPrefixes);
        Assert.Equal(3, page.KeyCount);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public async Task Continuation_tokens_page_through_every_key_once()
    {
        var (s3, bucket) = await Seeded();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 2, ContinuationToken = token });
            seen.AddRange(page.S3Objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Keys.Order(StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task StartAfter_skips_keys_up_to_and_including_it()
    {
        var (s3, bucket) = await Seeded();

        var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, StartAfter = "photos/index.html" });

        Assert.Equal(["z.txt"], page.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task ListObjects_v1_pages_with_markers_over_common_prefixes()
    {
        var (s3, bucket) = await Seeded();

        var first = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Delimiter = "/", MaxKeys = 2 });
        var second = await s3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Delimiter = "/", Marker = first.NextMarker });

        Assert.Equal(["a.txt"], first.S3Objects.Select(o => o.Key));
        Assert.Equal(["photos/"], first.CommonPrefixes);
        Assert.Equal("photos/", first.NextMarker);
        Assert.True(first.IsTruncated);
        Assert.Equal(["z.txt"], second.S3Objects.Select(o => o.Key));
        Assert.Empty(second.CommonPrefixes ?? []);
    }

    private async Task<(Amazon.S3.AmazonS3Client S3, string Bucket)> Seeded()
    {
        var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        foreach (var key in Keys)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key });
        }

        return (s3, bucket);
    }
}
