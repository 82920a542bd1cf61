using Amazon.S3;
using Amazon.S3.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>The official AWSSDK.S3 tagging objects and buckets, with S3's limits and InvalidTag messages.</summary>
[Collection(EmulatorCollection.Name)]
public class S3SdkTaggingTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Tags_sent_with_PutObject_are_read_back_and_counted_on_GetObject()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x", TagSet = [Tag("team", "red blue +=.:@_-/"), Tag("tier", "1")] });
        var tags = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "a" });
        using var get = await s3.GetObjectAsync(bucket, "a");

        Assert.Equal([("team", "red blue +=.:@_-/"), ("tier", "1")], tags.Tagging.Select(t => (t.Key, t.Value)));
        Assert.Equal(2, get.TagCount);
    }

    [Fact]
    public async Task PutObjectTagging_replaces_the_set_and_DeleteObjectTagging_empties_it()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x", TagSet = [Tag("old", "1")] });

        await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest { BucketName = bucket, Key = "a", Tagging = new Tagging { TagSet = [Tag("new", "2")] } });
        var replaced = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "a" });
        await s3.DeleteObjectTaggingAsync(new DeleteObjectTaggingRequest { BucketName = bucket, Key = "a" });
        var emptied = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "a" });

        Assert.Equal([("new", "2")], replaced.Tagging.Select(t => (t.Key, t.Value)));
        Assert.Empty(emptied.Tagging ?? []);
        Assert.Equal("x", await S3Sdk.ReadText(s3, bucket, "a"));
    }

    [Fact]
    public async Task Tags_of_one_version_are_kept_apart_from_the_others()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
        var first = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "1", TagSet = [Tag("v", "1")] });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "2", TagSet = [Tag("v", "2")] });

        var old = await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "a", VersionId = first.VersionId });

        Assert.Equal("1", Assert.Single(old.Tagging).Value);
        Assert.Equal(first.VersionId, old.VersionId);
    }

    [Theory]
    [InlineData(11, 1, 1, "Object tags cannot be greater than 10")]
    [InlineData(1, 129, 1, "The TagKey you have provided is too long, max 128")]
    [InlineData(1, 1, 257, "The TagValue you have provided is too long, max 256")]
    public async Task Tags_past_S3s_limits_are_InvalidTag(int count, int keyLength, int valueLength, string message)
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x" });
        var tags = Enumerable.Range(0, count).Select(i => Tag(new string('k', keyLength - 1) + (char)('a' + i), new string('v', valueLength))).ToList();

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutObjectTaggingAsync(new PutObjectTaggingRequest { BucketName = bucket, Key = "a", Tagging = new Tagging { TagSet = tags } }));

        Assert.Equal("InvalidTag", error.ErrorCode);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task A_PutObject_with_eleven_tags_writes_nothing()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "a",
            ContentBody = "x",
            TagSet = Enumerable.Range(0, 11).Select(i => Tag($"k{i}", "v")).ToList(),
        }));

        Assert.Equal("InvalidTag", error.ErrorCode);
        Assert.Empty((await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task CopyObject_copies_the_tags_unless_told_to_replace_them()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "src", ContentBody = "x", TagSet = [Tag("from", "source")] });

        await s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "copied" });
        await s3.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = bucket, SourceKey = "src", DestinationBucket = bucket, DestinationKey = "replaced",
            TaggingDirective = TaggingDirective.REPLACE, TagSet = [Tag("from", "request")],
        });

        Assert.Equal("source", Assert.Single((await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "copied" })).Tagging).Value);
        Assert.Equal("request", Assert.Single((await s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "replaced" })).Tagging).Value);
    }

    [Fact]
    public async Task Bucket_tags_are_put_read_and_deleted_and_a_bucket_without_tags_has_NoSuchTagSet()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [Tag("cost-center", "42")] });
        var tags = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket });
        await s3.DeleteBucketTaggingAsync(new DeleteBucketTaggingRequest { BucketName = bucket });
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }));

        Assert.Equal(("cost-center", "42"), (Assert.Single(tags.TagSet).Key, tags.TagSet[0].Value));
        Assert.Equal("NoSuchTagSet", error.ErrorCode);
        Assert.Equal("The TagSet does not exist", error.Message);
    }

    [Fact]
    public async Task Bucket_tags_with_a_repeated_key_are_InvalidTag()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [Tag("a", "1"), Tag("a", "2")] }));

        Assert.Equal("InvalidTag", error.ErrorCode);
        Assert.Equal("Cannot provide multiple Tags with the same key", error.Message);
    }

    private static Tag Tag(string key, string value) => new() { Key = key, Value = value };
}
