using System.Collections.Concurrent;
using Amazon.S3.Model;
using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.S3;

/// <summary>An emulator that also keeps every CloudTrail record it makes.</summary>
public sealed class S3RecordingFixture : EmulatorFixture
{
    public ConcurrentQueue<CloudTrailRecord> Records { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ICloudTrailSink>(new Capture(Records));

    private sealed class Capture(ConcurrentQueue<CloudTrailRecord> records) : ICloudTrailSink
    {
        public void Accept(CloudTrailRecord record) => records.Enqueue(record);
    }
}

/// <summary>S3 object calls are recorded as CloudTrail data events shaped as S3's.</summary>
public class S3RecordingTests(S3RecordingFixture emulator) : IClassFixture<S3RecordingFixture>
{
    [Fact]
    public async Task PutObject_is_a_data_event_naming_bucketName_key_and_Host()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "rec");

        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "patients/1.json", ContentBody = "{}" });

        var record = Assert.Single(emulator.Records, r => r.EventName == "PutObject" && r.RequestId == put.ResponseMetadata.RequestId).Record;
        Assert.Equal("Data", (string?)record["eventCategory"]);
        Assert.Equal(bucket, (string?)record["requestParameters"]!["bucketName"]);
        Assert.Equal("patients/1.json", (string?)record["requestParameters"]!["key"]);
        Assert.Equal(emulator.Endpoint.Authority, (string?)record["requestParameters"]!["Host"]);
        Assert.Null(record["requestParameters"]!["bucket"]);
        Assert.Contains(record["resources"]!.AsArray(), r => (string?)r!["type"] == "AWS::S3::Object" && (string?)r["ARN"] == $"arn:aws:s3:::{bucket}/patients/1.json");
    }

    [Fact]
    public async Task Object_tagging_is_a_data_event_and_bucket_tagging_a_management_event()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "rec");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a", ContentBody = "x" });

        var objectTags = await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest { BucketName = bucket, Key = "a", Tagging = new Tagging { TagSet = [new Tag { Key = "k", Value = "v" }] } });
        var bucketTags = await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new Tag { Key = "k", Value = "v" }] });

        var objectRecord = Assert.Single(emulator.Records, r => r.EventName == "PutObjectTagging" && r.RequestId == objectTags.ResponseMetadata.RequestId).Record;
        var bucketRecord = Assert.Single(emulator.Records, r => r.EventName == "PutBucketTagging" && r.RequestId == bucketTags.ResponseMetadata.RequestId).Record;
        Assert.Equal("Data", (string?)objectRecord["eventCategory"]);
        Assert.Equal("Management", (string?)bucketRecord["eventCategory"]);
        Assert.Equal(bucket, (string?)bucketRecord["requestParameters"]!["bucketName"]);
    }
}
