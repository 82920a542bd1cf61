using System.IO.Compression;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.CloudTrail;

namespace Doqutore.Emulator.Tests.CloudTrail;

/// <summary>
/// A log file that cannot be written is kept and retried with backoff on the clock until its bucket takes it;
/// GetTrailStatus shows the error and the attempt times meanwhile.
/// </summary>
public sealed class TrailLogRetryTests
{
    private static readonly TimeSpan Interval = new CloudTrailOptions().DeliveryInterval;
    private readonly CloudTrailHarness _ct = new();

    [Fact]
    public void Records_of_a_failed_delivery_reach_the_bucket_once_it_exists_again()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.LogStore.Buckets.Remove("trail-bucket");
        var lost = _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        Assert.Equal(0, _ct.Deliver());

        _ct.LogStore.Buckets.Add("trail-bucket");
        var later = _ct.Accept(Records.Of("iam.amazonaws.com", "DeleteUser", _ct.Tick()));
        _ct.Clock.Advance(Interval);

        Assert.Equal(1, _ct.Deliver());
        var records = EventIds(Assert.Single(_ct.LogStore.Objects).Value);
        Assert.Equal(lost.EventId, records[0]);
        Assert.Contains(later.EventId, records);
        Assert.Null(Status()["LatestDeliveryError"]);
    }

    [Fact]
    public void A_failing_bucket_is_tried_again_after_one_interval_then_after_twice_as_long()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.LogStore.Buckets.Remove("trail-bucket");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();
        var firstAttempt = (string?)Status()["LatestDeliveryAttemptTime"];

        _ct.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        _ct.Deliver();
        Assert.Equal(firstAttempt, (string?)Status()["LatestDeliveryAttemptTime"]);

        _ct.Clock.Advance(TimeSpan.FromSeconds(1));
        _ct.Deliver();
        var secondAttempt = (string?)Status()["LatestDeliveryAttemptTime"];
        Assert.NotEqual(firstAttempt, secondAttempt);

        _ct.LogStore.Buckets.Add("trail-bucket");
        _ct.Clock.Advance(Interval);
        Assert.Equal(0, _ct.Deliver());
        _ct.Clock.Advance(Interval);
        Assert.Equal(1, _ct.Deliver());
    }

    [Fact]
    public void A_bucket_policy_that_denies_CloudTrail_shows_AccessDenied_and_the_attempt_time()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.LogStore.BucketsWithoutPolicy.Add("trail-bucket");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        var attemptedAt = _ct.Clock.GetUtcNow();
        _ct.Deliver();

        var status = Status();
        Assert.Equal("AccessDenied", (string?)status["LatestDeliveryError"]);
        Assert.Equal(attemptedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), (string?)status["LatestDeliveryAttemptTime"]);
        Assert.Null(status["LatestDeliveryAttemptSucceeded"]);
        Assert.Null(status["LatestDeliveryTime"]);
        Assert.Empty(_ct.LogStore.Objects);
    }

    [Fact]
    public void A_delivery_after_the_policy_is_fixed_reports_its_success()
    {
        _ct.CreateLoggingTrail("audit");
        _ct.LogStore.BucketsWithoutPolicy.Add("trail-bucket");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Deliver();

        _ct.LogStore.BucketsWithoutPolicy.Clear();
        _ct.Clock.Advance(Interval);
        var deliveredAt = _ct.Clock.GetUtcNow();
        Assert.Equal(1, _ct.Deliver());

        var status = Status();
        Assert.Null(status["LatestDeliveryError"]);
        Assert.Equal(deliveredAt, status["LatestDeliveryTime"]!.GetValue<DateTimeOffset>());
        Assert.Equal(status["LatestDeliveryAttemptTime"]!.GetValue<string>(), status["LatestDeliveryAttemptSucceeded"]!.GetValue<string>());
    }

    private JsonObject Status() => _ct.Call("GetTrailStatus", new JsonObject { ["Name"] = "audit" }, readOnly: true);

    private static List<string> EventIds(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!["Records"]!.AsArray().Select(r => (string)r!["eventID"]!).ToList();
    }
}
