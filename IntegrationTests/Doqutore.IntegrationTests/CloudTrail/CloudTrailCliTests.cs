using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>The CloudTrail API through Debian's AWS CLI, as the account root. Each test works in a region of its own.</summary>
public class CloudTrailCliTests(CloudTrailEmulatorFixture emulator) : IClassFixture<CloudTrailEmulatorFixture>
{
    private readonly AwsCli _cli = new(emulator);

    private JsonNode Json(string region, params string[] args) => _cli.Json(["cloudtrail", "--region", region, .. args]);

    private string Error(string region, params string[] args) => _cli.Error(["cloudtrail", "--region", region, .. args]);

    [SkippableFact]
    public void A_trail_is_created_described_started_stopped_and_deleted()
    {
        ExternalTool.RequireAwsCli();
        const string region = "eu-west-1";
        var created = Json(region, "create-trail", "--name", "audit", "--s3-bucket-name", CloudTrailEmulatorFixture.LogBucket, "--is-multi-region-trail",
            "--enable-log-file-validation", "--s3-key-prefix", "prod");

        Assert.Equal("arn:aws:cloudtrail:eu-west-1:000000000000:trail/audit", (string?)created["TrailARN"]);
        Assert.True((bool)created["IsMultiRegionTrail"]!);
        Assert.True((bool)created["LogFileValidationEnabled"]!);
        var described = Assert.Single(Json(region, "describe-trails", "--no-include-shadow-trails")["trailList"]!.AsArray())!;
        Assert.Equal(("audit", "eu-west-1", "prod"), ((string?)described["Name"], (string?)described["HomeRegion"], (string?)described["S3KeyPrefix"]));
        Assert.False((bool)Json(region, "get-trail-status", "--name", "audit")["IsLogging"]!);

        _cli.Ok("cloudtrail", "--region", region, "start-logging", "--name", "audit");
        var logging = Json(region, "get-trail-status", "--name", "audit");
        _cli.Ok("cloudtrail", "--region", region, "stop-logging", "--name", "arn:aws:cloudtrail:eu-west-1:000000000000:trail/audit");
        var stopped = Json(region, "get-trail-status", "--name", "audit");

        Assert.True((bool)logging["IsLogging"]!);
        Assert.NotNull(logging["StartLoggingTime"]);
        Assert.False((bool)stopped["IsLogging"]!);
        Assert.NotNull(stopped["StopLoggingTime"]);

        _cli.Ok("cloudtrail", "--region", region, "delete-trail", "--name", "audit");
        Assert.Empty(Json(region, "describe-trails", "--no-include-shadow-trails")["trailList"]!.AsArray());
    }

    [SkippableFact]
    public void A_multi_region_trail_is_a_shadow_elsewhere_and_cannot_be_stopped_there()
    {
        ExternalTool.RequireAwsCli();
        Json("ap-south-1", "create-trail", "--name", "everywhere", "--s3-bucket-name", CloudTrailEmulatorFixture.LogBucket, "--is-multi-region-trail");

        var shadow = Json("ap-northeast-1", "describe-trails")["trailList"]!.AsArray();
        var error = Error("ap-northeast-1", "stop-logging", "--name", "arn:aws:cloudtrail:ap-south-1:000000000000:trail/everywhere");

        Assert.Contains(shadow, t => (string?)t!["HomeRegion"] == "ap-south-1");
        Assert.Contains("An error occurred (InvalidHomeRegionException) when calling the StopLogging operation", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Event_selectors_are_put_and_read_back()
    {
        ExternalTool.RequireAwsCli();
        const string region = "eu-central-1";
        Json(region, "create-trail", "--name", "data", "--s3-bucket-name", CloudTrailEmulatorFixture.LogBucket);
        Json(region, "put-event-selectors", "--trail-name", "data", "--event-selectors",
            """[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::phi-bucket/"]}]}]""");

        var basic = Json(region, "get-event-selectors", "--trail-name", "data");
        Json(region, "put-event-selectors", "--trail-name", "data", "--advanced-event-selectors",
            """[{"Name":"lambda","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::Lambda::Function"]}]}]""");
        var advanced = Json(region, "get-event-selectors", "--trail-name", "data");

        Assert.Equal("arn:aws:s3:::phi-bucket/", (string?)basic["EventSelectors"]![0]!["DataResources"]![0]!["Values"]![0]);
        Assert.Equal("WriteOnly", (string?)basic["EventSelectors"]![0]!["ReadWriteType"]);
        Assert.Null(advanced["EventSelectors"]);
        Assert.Equal("lambda", (string?)advanced["AdvancedEventSelectors"]![0]!["Name"]);
    }

    [SkippableFact]
    public void Invalid_selectors_are_InvalidEventSelectorsException()
    {
        ExternalTool.RequireAwsCli();
        const string region = "eu-north-1";
        Json(region, "create-trail", "--name", "bad-selectors", "--s3-bucket-name", CloudTrailEmulatorFixture.LogBucket);

        var error = Error(region, "put-event-selectors", "--trail-name", "bad-selectors", "--event-selectors",
            """[{"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::bucket-without-slash"]}]}]""");

        Assert.Contains("An error occurred (InvalidEventSelectorsException) when calling the PutEventSelectors operation: Value arn:aws:s3:::bucket-without-slash for DataResources.Values is invalid.", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_unknown_trail_is_TrailNotFoundException_with_AWSs_message()
    {
        ExternalTool.RequireAwsCli();
        var error = Error("us-west-1", "get-trail-status", "--name", "myTrail2");
        Assert.Contains("An error occurred (TrailNotFoundException) when calling the GetTrailStatus operation: Unknown trail: myTrail2 for the user: 000000000000", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void LookupEvents_filters_pages_and_returns_the_record_as_a_string()
    {
        ExternalTool.RequireAwsCli();
        const string region = "sa-east-1";
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 12; i++)
        {
            emulator.Sink.Accept(TestRecords.Management(i % 2 == 0 ? "SendMessage" : "PurgeQueue", region, now.AddSeconds(i - 60)));
        }

        // The CLI follows NextToken itself: 6 matching events over pages of 4.
        var events = Json(region, "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=PurgeQueue", "--page-size", "4")["Events"]!.AsArray();
        var one = events[0]!;
        var record = JsonNode.Parse((string)one["CloudTrailEvent"]!)!;

        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Equal("PurgeQueue", (string?)e!["EventName"]));
        Assert.Equal((string?)one["EventId"], (string?)record["eventID"]);
        Assert.Equal("jobs", (string?)one["Resources"]![0]!["ResourceName"]);
        var times = events.Select(e => Doqutore.Aws.Protocols.Timestamps.Read(e!["EventTime"]!)).ToArray();
        Assert.Equal(times.OrderDescending(), times);
    }

    [SkippableFact]
    public void LookupEvents_with_the_start_after_the_end_is_InvalidTimeRangeException()
    {
        ExternalTool.RequireAwsCli();
        var error = Error("us-east-2", "lookup-events", "--start-time", "2026-01-02T00:00:00Z", "--end-time", "2026-01-01T00:00:00Z");
        Assert.Contains("An error occurred (InvalidTimeRangeException) when calling the LookupEvents operation: Start time must be before end time.", error, StringComparison.Ordinal);
    }
}
