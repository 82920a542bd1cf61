using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Tests.CloudTrail;

/// <summary>The delivery semantics: which records reach trails and the event bus, each pinned here.</summary>
public class CloudTrailSinkTests
{
    private readonly CloudTrailHarness _ct = new();

    [Fact]
    public void No_trail_no_event_on_the_bus()
    {
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        Assert.Empty(_ct.Bus.Events);
    }

    [Fact]
    public void A_trail_that_is_not_logging_delivers_nothing()
    {
        _ct.Call("CreateTrail", new JsonObject { ["Name"] = "quiet", ["S3BucketName"] = "trail-bucket" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        Assert.Empty(_ct.Bus.Events);
    }

    [Fact]
    public void A_logging_trail_puts_the_record_on_the_default_bus()
    {
        _ct.CreateLoggingTrail("main");
        var record = _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));

        var e = Assert.Single(_ct.Bus.Events);
        Assert.Equal((CloudTrailHarness.Account, "us-east-1", "aws.iam", "AWS API Call via CloudTrail"), (e.AccountId, e.Region, e.Source, e.DetailType));
        Assert.Equal(record.Record.ToJsonString(), e.Detail.ToJsonString());
        Assert.Equal(record.EventTime, e.Time);
        Assert.Empty(e.Resources);
        Assert.False(e.IsReadOnlyManagementEvent);
    }

    [Fact]
    public void The_StartLogging_call_itself_arrived_before_logging_began()
    {
        _ct.CreateLoggingTrail("main");
        Assert.DoesNotContain("StartLogging", _ct.Bus.Names);
        Assert.DoesNotContain("CreateTrail", _ct.Bus.Names);
    }

    [Fact]
    public void The_StopLogging_record_itself_is_delivered()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Call("StopLogging", new JsonObject { ["Name"] = "main" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));

        Assert.Equal(["StopLogging"], _ct.Bus.Names);
    }

    [Fact]
    public void A_record_that_reaches_the_sink_after_StopLogging_but_arrived_before_it_is_delivered()
    {
        _ct.CreateLoggingTrail("main");
        var arrivedBefore = _ct.Tick();
        _ct.Call("StopLogging", new JsonObject { ["Name"] = "main" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", arrivedBefore));

        Assert.Equal(["StopLogging", "CreateUser"], _ct.Bus.Names);
    }

    [Fact]
    public void A_DeleteTrail_that_removes_the_only_logging_trail_is_delivered()
    {
        _ct.CreateLoggingTrail("only");
        _ct.Call("DeleteTrail", new JsonObject { ["Name"] = "only" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));

        Assert.Equal(["DeleteTrail"], _ct.Bus.Names);
    }

    [Fact]
    public void Logging_again_after_a_stop_delivers_again()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Call("StopLogging", new JsonObject { ["Name"] = "main" });
        var stopped = _ct.Tick();
        _ct.Call("StartLogging", new JsonObject { ["Name"] = "main" });
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Accept(Records.Of("iam.amazonaws.com", "DeleteUser", stopped));

        Assert.Equal(["StopLogging", "CreateUser"], _ct.Bus.Names);
    }

    [Fact]
    public void A_record_taken_by_two_trails_is_put_on_the_bus_once()
    {
        _ct.CreateLoggingTrail("one");
        _ct.CreateLoggingTrail("two");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));

        Assert.Single(_ct.Bus.Names, n => n == "CreateUser");
    }

    [Fact]
    public void Read_only_management_events_are_flagged_for_opted_in_rules_only()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Accept(Records.Of("iam.amazonaws.com", "GetUser", _ct.Tick(), readOnly: true));

        Assert.True(Assert.Single(_ct.Bus.Events).IsReadOnlyManagementEvent);
    }

    [Theory]
    [InlineData("sts.amazonaws.com", "GetSessionToken")]
    [InlineData("sts.amazonaws.com", "GetFederationToken")]
    public void GetSessionToken_and_GetFederationToken_are_delivered_to_every_rule(string source, string name)
    {
        _ct.CreateLoggingTrail("main");
        _ct.Accept(Records.Of(source, name, _ct.Tick(), readOnly: true));

        Assert.False(Assert.Single(_ct.Bus.Events).IsReadOnlyManagementEvent);
    }

    [Fact]
    public void Read_only_data_events_are_not_flagged_as_management_events()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Call("PutEventSelectors", JsonNode.Parse("""{"TrailName":"main","EventSelectors":[{"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]}""")!.AsObject());
        _ct.Accept(Records.S3Object("b", "k", _ct.Tick()));

        Assert.False(Assert.Single(_ct.Bus.Events, e => (string?)e.Detail["eventName"] == "GetObject").IsReadOnlyManagementEvent);
    }

    [Fact]
    public void Data_events_are_delivered_only_where_selected()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Accept(Records.S3Object("b", "k", _ct.Tick()));
        Assert.Empty(_ct.Bus.Events);

        _ct.Call("PutEventSelectors", JsonNode.Parse("""{"TrailName":"main","EventSelectors":[{"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::b/"]}]}]}""")!.AsObject());
        _ct.Accept(Records.S3Object("b", "k", _ct.Tick()));
        _ct.Accept(Records.S3Object("other", "k", _ct.Tick()));

        Assert.Equal(["PutEventSelectors", "GetObject"], _ct.Bus.Names);
    }

    [Fact]
    public void Records_are_judged_by_the_selectors_in_force_when_their_call_arrived()
    {
        _ct.CreateLoggingTrail("main");
        var before = _ct.Tick();
        _ct.Call("PutEventSelectors", JsonNode.Parse("""{"TrailName":"main","EventSelectors":[{"IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]}""")!.AsObject());
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Accept(Records.Of("iam.amazonaws.com", "DeleteUser", before));

        Assert.Equal(["PutEventSelectors", "DeleteUser"], _ct.Bus.Names);
    }

    [Fact]
    public void A_single_region_trail_takes_its_own_region_only()
    {
        _ct.CreateLoggingTrail("main", region: "eu-west-1");
        _ct.Accept(Records.Of("sqs.amazonaws.com", "CreateQueue", _ct.Tick(), region: "us-west-2"));
        _ct.Accept(Records.Of("sqs.amazonaws.com", "DeleteQueue", _ct.Tick(), region: "eu-west-1"));

        var e = Assert.Single(_ct.Bus.Events);
        Assert.Equal(("DeleteQueue", "eu-west-1"), ((string)e.Detail["eventName"]!, e.Region));
    }

    [Fact]
    public void A_multi_region_trail_takes_every_region_and_puts_events_on_that_regions_bus()
    {
        _ct.CreateLoggingTrail("org", region: "eu-west-1", multiRegion: true);
        _ct.Accept(Records.Of("sqs.amazonaws.com", "CreateQueue", _ct.Tick(), region: "ap-southeast-2"));

        Assert.Equal("ap-southeast-2", Assert.Single(_ct.Bus.Events).Region);
    }

    [Fact]
    public void Global_service_events_reach_only_trails_that_include_them()
    {
        _ct.CreateLoggingTrail("regional", includeGlobal: false);
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Accept(Records.Of("sqs.amazonaws.com", "CreateQueue", _ct.Tick()));

        Assert.Equal(["CreateQueue"], _ct.Bus.Names);
    }

    [Fact]
    public void Global_service_events_reach_a_us_east_1_trail_that_includes_them()
    {
        _ct.CreateLoggingTrail("global");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));

        Assert.Equal(["CreateUser"], _ct.Bus.Names);
    }

    [Fact]
    public void Another_accounts_trail_does_not_take_the_record()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick(), account: "444455556666"));

        Assert.Empty(_ct.Bus.Events);
    }

    [Fact]
    public void Events_over_256_KB_are_not_put_on_the_bus_but_reach_the_trail()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Accept(Records.Of("sqs.amazonaws.com", "SendMessage", _ct.Tick(), padding: new string('x', 256 * 1024)));

        Assert.Empty(_ct.Bus.Events);
        Assert.Equal(1, _ct.Deliver());
    }

    [Fact]
    public void Without_an_event_bus_registered_the_sink_still_feeds_history_and_trails()
    {
        var ct = new CloudTrailHarness(withBus: false);
        ct.CreateLoggingTrail("main");
        ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", ct.Tick()));

        Assert.Equal(1, ct.Deliver());
        var events = (JsonArray)ct.Call("LookupEvents", new JsonObject { ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = "EventName", ["AttributeValue"] = "CreateUser" }) })["Events"]!;
        Assert.Single(events);
    }

    [Fact]
    public void Management_events_reach_the_history_without_any_trail_but_data_events_do_not()
    {
        _ct.Accept(Records.Of("iam.amazonaws.com", "CreateUser", _ct.Tick()));
        _ct.Accept(Records.S3Object("b", "k", _ct.Tick()));

        var events = (JsonArray)_ct.Call("LookupEvents", new JsonObject())["Events"]!;
        Assert.DoesNotContain(events, e => (string?)e!["EventName"] == "GetObject");
        Assert.Contains(events, e => (string?)e!["EventName"] == "CreateUser");
    }

    [Fact]
    public void The_bus_event_takes_the_recorders_EventBridge_source()
    {
        _ct.CreateLoggingTrail("main");
        _ct.Accept(Records.Of("monitoring.amazonaws.com", "PutMetricAlarm", _ct.Tick()));

        Assert.Equal("aws.cloudwatch", Assert.Single(_ct.Bus.Events).Source);
    }
}
