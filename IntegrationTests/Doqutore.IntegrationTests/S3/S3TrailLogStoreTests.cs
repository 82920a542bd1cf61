using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.S3;

/// <summary>An emulator of its own (S3 is CloudTrail's log store in every emulator).</summary>
public sealed class S3TrailLogFixture : EmulatorFixture;

/// <summary>S3 as CloudTrail's log store: CreateTrail checks the bucket and its policy; log files need the policy too.</summary>
public class S3TrailLogStoreTests(S3TrailLogFixture emulator) : IClassFixture<S3TrailLogFixture>
{
    [Fact]
    public async Task CreateTrail_on_a_missing_bucket_is_S3BucketDoesNotExistException()
    {
        using var cloudTrail = CloudTrail();

        var bucket = AwsCli.Unique("nobucket");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => cloudTrail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = AwsCli.Unique("t"), ["S3BucketName"] = bucket }));

        Assert.Equal(("S3BucketDoesNotExistException", $"S3 bucket {bucket} does not exist."), (error.Code, error.Message));
    }

    [Fact]
    public async Task CreateTrail_on_a_bucket_without_a_CloudTrail_policy_is_InsufficientS3BucketPolicyException()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "logs");
        using var cloudTrail = CloudTrail();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => cloudTrail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = AwsCli.Unique("t"), ["S3BucketName"] = bucket }));

        Assert.Equal(("InsufficientS3BucketPolicyException", $"Incorrect S3 bucket policy is detected for bucket: {bucket}"), (error.Code, error.Message));
    }

    [Fact]
    public async Task With_AWSs_documented_policy_the_trail_is_created_and_log_files_land_in_the_bucket()
    {
        using var s3 = S3Sdk.Client(emulator);
        var bucket = await S3Sdk.NewBucket(s3, "logs");
        var trail = AwsCli.Unique("t");
        var trailArn = $"arn:aws:cloudtrail:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:trail/{trail}";
        await s3.PutBucketPolicyAsync(bucket, CloudTrailBuckets.Policy(bucket, trailArn));
        using var cloudTrail = CloudTrail();

        await cloudTrail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = trail, ["S3BucketName"] = bucket });
        var key = $"AWSLogs/{EmulatorFixture.AccountId}/CloudTrail/{EmulatorFixture.Region}/2026/01/01/file.json.gz";
        emulator.Services.GetRequiredService<ITrailLogStore>().PutObject(bucket, key, [0x1f, 0x8b, 1, 2], trailArn, EmulatorFixture.AccountId);
        var head = await s3.GetObjectMetadataAsync(bucket, key);

        Assert.Equal(4, head.ContentLength);
        Assert.Throws<DeliveryFailure>(() => emulator.Services.GetRequiredService<ITrailLogStore>().PutObject(bucket, "elsewhere/file.json.gz", [1], trailArn, EmulatorFixture.AccountId));
    }

    private AwsClient CloudTrail() => new(Doqutore.Aws.Models.ServiceModels.Get("cloudtrail"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = SdkClients.Root,
        MaxErrorRetry = 0,
    });
}
