using System.IO.Compression;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Doqutore.Aws.Client;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.S3;

/// <summary>An emulator whose trails write their log files every second (<c>Emulator:CloudTrail:DeliveryInterval</c>).</summary>
public sealed class QuickTrailDeliveryFixture : EmulatorFixture
{
    protected override IEnumerable<string> Arguments => ["--Emulator:CloudTrail:DeliveryInterval=00:00:01"];
}

/// <summary>CloudTrail delivers to S3 end to end: a logging trail's records land in its bucket as AWS's gzip log files.</summary>
public class TrailLogDeliveryTests(QuickTrailDeliveryFixture emulator) : IClassFixture<QuickTrailDeliveryFixture>
{
    private const string Account = EmulatorFixture.AccountId;
    private const string Region = EmulatorFixture.Region;

    [Fact]
    public async Task A_logging_trails_StopLogging_record_lands_in_its_bucket_as_a_gzip_log_file_read_back_with_AWSSDK_S3()
    {
        var trail = AwsCli.Unique("delivered");
        var trailArn = CloudTrailBuckets.TrailArn(trail);
        var bucket = await CloudTrailBuckets.NewAsync(emulator, trailArn, "delivery");
        using var cloudTrail = new AwsClient(Doqutore.Aws.Models.ServiceModels.Get("cloudtrail"), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = Region,
            Credentials = SdkClients.Root,
            MaxErrorRetry = 0,
        });
        await cloudTrail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = trail, ["S3BucketName"] = bucket });
        await cloudTrail.InvokeAsync("StartLogging", new JsonObject { ["Name"] = trail });
        await cloudTrail.InvokeAsync("StopLogging", new JsonObject { ["Name"] = trail });
        using var s3 = S3Sdk.Client(emulator);

        var records = await WaitForRecordsAsync(s3, bucket, TimeSpan.FromSeconds(15));

        var stop = Assert.Single(records.Records, r => (string?)r?["eventName"] == "StopLogging")!;
        Assert.Equal(trail, (string?)stop["requestParameters"]!["name"]);
        Assert.Equal("cloudtrail.amazonaws.com", (string?)stop["eventSource"]);
        Assert.Matches(
            $@"^AWSLogs/{Account}/CloudTrail/{Region}/\d{{4}}/\d{{2}}/\d{{2}}/{Account}_CloudTrail_{Region}_\d{{8}}T\d{{4}}Z_[A-Za-z0-9]{{16}}\.json\.gz$",
            records.Key);
        var when = DateTime.ParseExact(records.Key.Split('_')[3], "yyyyMMdd'T'HHmm'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"AWSLogs/{Account}/CloudTrail/{Region}/{when:yyyy}/{when:MM}/{when:dd}/", records.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_file_refused_by_the_bucket_policy_is_delivered_once_the_policy_lets_CloudTrail_write_again()
    {
        var trail = AwsCli.Unique("retried");
        var trailArn = CloudTrailBuckets.TrailArn(trail);
        var bucket = await CloudTrailBuckets.NewAsync(emulator, trailArn, "retry");
        using var cloudTrail = CloudTrailClient();
        using var s3 = S3Sdk.Client(emulator);
        await cloudTrail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = trail, ["S3BucketName"] = bucket });
        await s3.DeleteBucketPolicyAsync(bucket);
        await cloudTrail.InvokeAsync("StartLogging", new JsonObject { ["Name"] = trail });
        await cloudTrail.InvokeAsync("StopLogging", new JsonObject { ["Name"] = trail });

        var failing = await WaitForStatusAsync(cloudTrail, trail, s => s["LatestDeliveryError"] is not null, TimeSpan.FromSeconds(15));
        Assert.Equal("AccessDenied", (string?)failing["LatestDeliveryError"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", (string?)failing["LatestDeliveryAttemptTime"]);
        await s3.PutBucketPolicyAsync(bucket, CloudTrailBuckets.Policy(bucket, trailArn));

        var records = await WaitForRecordsAsync(s3, bucket, TimeSpan.FromSeconds(30));
        Assert.Single(records.Records, r => (string?)r?["eventName"] == "StopLogging");
        var delivered = await WaitForStatusAsync(cloudTrail, trail, s => s["LatestDeliveryError"] is null, TimeSpan.FromSeconds(5));
        Assert.NotNull(delivered["LatestDeliveryTime"]);
    }

    private AwsClient CloudTrailClient() => new(Doqutore.Aws.Models.ServiceModels.Get("cloudtrail"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = Region,
        Credentials = SdkClients.Root,
        MaxErrorRetry = 0,
    });

    private static async Task<JsonObject> WaitForStatusAsync(AwsClient cloudTrail, string trail, Func<JsonObject, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await cloudTrail.InvokeAsync("GetTrailStatus", new JsonObject { ["Name"] = trail });
            if (done(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Polls the bucket until a log file holding a StopLogging record is there; returns its key and records.</summary>
    private static async Task<(string Key, List<JsonNode?> Records)> WaitForRecordsAsync(Amazon.S3.IAmazonS3 s3, string bucket, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (DateTime.UtcNow < deadline)
        {
            var listing = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "AWSLogs/" });
            foreach (var key in (listing.S3Objects ?? []).Select(o => o.Key).Where(seen.Add))
            {
                using var file = await s3.GetObjectAsync(bucket, key);
                using var gzip = new GZipStream(file.ResponseStream, CompressionMode.Decompress);
                var document = (await JsonNode.ParseAsync(gzip))!.AsObject();
                var records = document["Records"]!.AsArray().ToList();
                if (records.Any(r => (string?)r!["eventName"] == "StopLogging"))
                {
                    return (key, records);
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No log file with a StopLogging record reached {bucket} within {timeout}.");
    }
}
