using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.CloudTrail;

namespace Doqutore.Emulator.Tests.CloudTrail;

public partial class TrailLogFilesTests
{
    private readonly CloudTrailHarness _ct = new();

    private static JsonObject Unzip(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!.AsObject();
    }

    [Fact]
    public void Keys_follow_AWSs_layout_and_file_name()
    {
        var key = TrailLogFiles.Key("prod/", "111122223333", "us-east-2", new DateTimeOffset(2015, 8, 1, 2, 10, 42, TimeSpan.Zero), "Mu0KsOhtH1ar15ZZ");
        Assert.Equal("prod/AWSLogs/111122223333/CloudTrail/us-east-2/2015/08/01/111122223333_CloudTrail_us-east-2_20150801T0210Z_Mu0KsOhtH1ar15ZZ.json.gz", key);
    }

    [Fact]
    public void Keys_without_a_prefix_start_at_AWSLogs()
    {
        Assert.StartsWith("AWSLogs/1/CloudTrail/", TrailLogFiles.Key(null, "1", "r", DateTimeOffset.UnixEpoch, "u"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_strings_are_16_letters_or_digits()
    {
        Assert.Matches("^[A-Za-z0-9]{16}$", TrailLogFiles.UniqueString());
    }

    [Fact]
    public void A_delivery_writes_the_trails_records_as_gzip_JSON()
    {
        _ct.CreateLoggingTrail("audit");
        var one = _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        var two = _ct.Accept(Records.Of("iam.amazonaws.com", "DeleteUser", _ct.Tick()));

        Assert.Equal(1, _ct.Deliver());
        var (key, content) = Assert.Single(_ct.LogStore.Objects);
        Assert.Matches(FileKey(), key);
        var records = (JsonArray)Unzip(content)["Records"]!;
        Assert.Equal([one.EventId, two.EventId], records.Select(r => (string)r!["eventID"]!).ToArray());
    }

    [Fact]
    public void Records_are_batched_until_the_next_delivery()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();
        Assert.Equal(0, _ct.Deliver());
        _ct.Accept(Records.Of("iam.amazonaws.com", "DeleteUser", _ct.Tick()));
        Assert.Equal(1, _ct.Deliver());
        Assert.Equal(2, _ct.LogStore.Objects.Count);
    }

    [Fact]
    public void A_multi_region_trail_writes_one_file_per_region()
    {
        _ct.CreateLoggingTrail("everywhere", multiRegion: true);
        _ct.Accept(Records.Of("sqs.amazonaws.com", "CreateQueue", _ct.Tick(), region: "eu-west-1"));
        _ct.Accept(Records.Of("sqs.amazonaws.com", "CreateQueue", _ct.Tick(), region: "us-west-2"));

        Assert.Equal(2, _ct.Deliver());
        Assert.Contains(_ct.LogStore.Objects.Keys, k => k.Contains("/CloudTrail/eu-west-1/", StringComparison.Ordinal));
        Assert.Contains(_ct.LogStore.Objects.Keys, k => k.Contains("/CloudTrail/us-west-2/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_key_prefix_of_the_trail_is_used()
    {
        _ct.Call("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "trail-bucket", ["S3KeyPrefix"] = "audit-logs" });
        _ct.Call("StartLogging", new JsonObject { ["Name"] = "audit" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();

        Assert.StartsWith("trail-bucket/audit-logs/AWSLogs/", Assert.Single(_ct.LogStore.Objects).Key, StringComparison.Ordinal);
    }

    [Fact]
    public void GetTrailStatus_reports_the_latest_delivery()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        var deliveredAt = _ct.Clock.GetUtcNow();
        _ct.Deliver();

        var status = _ct.Call("GetTrailStatus", new JsonObject { ["Name"] = "audit" });
        Assert.Equal(deliveredAt, status["LatestDeliveryTime"]!.GetValue<DateTimeOffset>());
        Assert.Null(status["LatestDeliveryError"]);
    }

    [Fact]
    public void A_failed_delivery_is_reported_as_LatestDeliveryError()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.LogStore.Buckets.Remove("trail-bucket");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();

        Assert.Equal("NoSuchBucket", (string?)_ct.Call("GetTrailStatus", new JsonObject { ["Name"] = "audit" })["LatestDeliveryError"]);
    }

    [Fact]
    public void Without_a_log_store_nothing_is_delivered_and_the_status_shows_no_delivery()
    {
        var ct = new CloudTrailHarness(withLogStore: false);
        ct.CreateLoggingTrail("audit");
        ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", ct.Tick()));

        Assert.Equal(0, ct.Deliver());
        var status = ct.Call("GetTrailStatus", new JsonObject { ["Name"] = "audit" });
        Assert.Null(status["LatestDeliveryTime"]);
        Assert.Null(status["LatestDeliveryError"]);
    }

    [Fact]
    public void The_DeleteTrail_record_is_still_written_to_the_deleted_trails_log()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.Call("DeleteTrail", new JsonObject { ["Name"] = "audit" });

        Assert.Equal(1, _ct.Deliver());
        var records = (JsonArray)Unzip(Assert.Single(_ct.LogStore.Objects).Value)["Records"]!;
        Assert.Equal("DeleteTrail", (string?)Assert.Single(records)!["eventName"]);
    }

    [Fact]
    public void Delivered_files_are_announced_on_the_trails_topic_as_CloudTrail()
    {
        _ct.Call("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "trail-bucket", ["SnsTopicName"] = "trail-topic" });
        _ct.Call("StartLogging", new JsonObject { ["Name"] = "audit" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();

        var (caller, topic, message) = Assert.Single(_ct.Topics.Published);
        var key = Assert.Single(_ct.LogStore.Objects).Key["trail-bucket/".Length..];
        Assert.Equal(new ServiceCaller("cloudtrail.amazonaws.com", $"arn:aws:cloudtrail:us-east-1:{CloudTrailHarness.Account}:trail/audit", CloudTrailHarness.Account), caller);
        Assert.Equal($"arn:aws:sns:us-east-1:{CloudTrailHarness.Account}:trail-topic", topic);
        Assert.Equal($$"""{"s3Bucket":"trail-bucket","s3ObjectKey":["{{key}}"]}""", message.Message);
        Assert.NotNull(_ct.Call("GetTrailStatus", new JsonObject { ["Name"] = "audit" })["LatestNotificationTime"]);
    }

    [Fact]
    public void A_notification_to_a_missing_topic_is_LatestNotificationError()
    {
        _ct.Call("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "trail-bucket", ["SnsTopicName"] = "gone" });
        _ct.Call("StartLogging", new JsonObject { ["Name"] = "audit" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();

        var status = _ct.Call("GetTrailStatus", new JsonObject { ["Name"] = "audit" });
        Assert.Equal("NotFound", (string?)status["LatestNotificationError"]);
        Assert.NotNull(status["LatestDeliveryTime"]);
    }

    [GeneratedRegex(@"^trail-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/\d{4}/\d{2}/\d{2}/111122223333_CloudTrail_us-east-1_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$")]
    private static partial Regex FileKey();
}
