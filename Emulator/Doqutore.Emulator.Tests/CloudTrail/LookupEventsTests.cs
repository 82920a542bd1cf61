using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.CloudTrail;

/// <summary>LookupEvents, called on the provider directly (so its own calls do not enter the history under test).</summary>
public class LookupEventsTests
{
    private readonly CloudTrailHarness _ct = new();

    private JsonObject Lookup(JsonObject input, string region = CloudTrailHarness.Region) =>
        _ct.Provider.LookupEvents(_ct.Context(region), input);

    private AwsServiceException Error(JsonObject input) => Assert.Throws<AwsServiceException>(() => Lookup(input));

    private static JsonObject By(string key, string value) => new()
    {
        ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = key, ["AttributeValue"] = value }),
    };

    private static string[] Names(JsonObject output) => ((JsonArray)output["Events"]!).Select(e => (string)e!["EventName"]!).ToArray();

    private CloudTrailRecord Add(string name, bool readOnly = false, string source = "iam.amazonaws.com", string? username = "alice", string? key = "AKIAEXAMPLE",
        IReadOnlyList<CloudTrailResource>? resources = null, string region = CloudTrailHarness.Region)
    {
        var at = _ct.Tick();
        return _ct.Accept(Records.Of(source, name, at, region: region, readOnly: readOnly, username: username, accessKeyId: key, resources: resources));
    }

    [Fact]
    public void Events_come_newest_first_with_AWSs_shape()
    {
        var first = Add("CreateUser", resources: [new CloudTrailResource("AWS::IAM::User", "arn:aws:iam::111122223333:user/bob", "bob")]);
        Add("DeleteUser");

        var output = Lookup(new JsonObject());
        Assert.Equal(["DeleteUser", "CreateUser"], Names(output));
        var e = (JsonObject)output["Events"]![1]!;
        Assert.Equal(first.EventId, (string?)e["EventId"]);
        Assert.Equal("false", (string?)e["ReadOnly"]);
        Assert.Equal(("AKIAEXAMPLE", "iam.amazonaws.com", "alice"), ((string?)e["AccessKeyId"], (string?)e["EventSource"], (string?)e["Username"]));
        Assert.Equal("""[{"ResourceType":"AWS::IAM::User","ResourceName":"bob"}]""", e["Resources"]!.ToJsonString());
        Assert.Equal(first.Record.ToJsonString(), (string?)e["CloudTrailEvent"]);
        Assert.Equal(first.EventTime, e["EventTime"]!.GetValue<DateTimeOffset>());
        Assert.Null(output["NextToken"]);
    }

    [Theory]
    [InlineData("EventName", "DeleteUser", "DeleteUser")]
    [InlineData("ReadOnly", "true", "GetUser")]
    [InlineData("Username", "bob", "AttachUserPolicy")]
    [InlineData("EventSource", "sqs.amazonaws.com", "CreateQueue")]
    [InlineData("AccessKeyId", "ASIAOTHER", "CreateQueue")]
    [InlineData("ResourceType", "AWS::SQS::Queue", "CreateQueue")]
    [InlineData("ResourceName", "jobs", "CreateQueue")]
    [InlineData("ResourceName", "arn:aws:sqs:us-east-1:111122223333:jobs", "CreateQueue")]
    public void Each_lookup_attribute_filters(string key, string value, string expected)
    {
        Add("DeleteUser");
        Add("GetUser", readOnly: true);
        Add("AttachUserPolicy", username: "bob");
        Add("CreateQueue", source: "sqs.amazonaws.com", key: "ASIAOTHER",
            resources: [new CloudTrailResource("AWS::SQS::Queue", "arn:aws:sqs:us-east-1:111122223333:jobs", "jobs")]);

        Assert.Equal([expected], Names(Lookup(By(key, value))));
    }

    [Fact]
    public void EventId_finds_one_event()
    {
        var wanted = Add("CreateUser");
        Add("CreateUser");
        Assert.Equal(wanted.EventId, (string?)Lookup(By("EventId", wanted.EventId))["Events"]![0]!["EventId"]);
    }

    [Fact]
    public void More_than_one_lookup_attribute_is_refused()
    {
        var input = By("EventName", "a");
        ((JsonArray)input["LookupAttributes"]!).Add(new JsonObject { ["AttributeKey"] = "Username", ["AttributeValue"] = "b" });
        var e = Error(input);
        Assert.Equal(("InvalidLookupAttributesException", "You can specify at most one lookup attribute."), (e.Code, e.Message));
    }

    [Fact]
    public void Lookup_attribute_keys_are_case_sensitive()
    {
        Assert.Equal("InvalidLookupAttributesException", Error(By("eventname", "CreateUser")).Code);
    }

    [Fact]
    public void Underscores_spaces_and_commas_count_double_in_the_2000_character_limit()
    {
        Lookup(By("EventName", new string('a', 2000)));
        Assert.Equal("InvalidLookupAttributesException", Error(By("EventName", new string('_', 1001))).Code);
    }

    [Fact]
    public void The_time_range_is_inclusive()
    {
        var a = Add("A");
        var b = Add("B");
        var c = Add("C");
        var output = Lookup(new JsonObject { ["StartTime"] = b.EventTime, ["EndTime"] = b.EventTime });
        Assert.Equal(["B"], Names(output));
        Assert.Equal(["C", "B"], Names(Lookup(new JsonObject { ["StartTime"] = b.EventTime })));
        Assert.Equal(["B", "A"], Names(Lookup(new JsonObject { ["EndTime"] = b.EventTime })));
        Assert.NotEqual(a.EventTime, c.EventTime);
    }

    [Fact]
    public void A_start_after_the_end_is_InvalidTimeRange()
    {
        var now = _ct.Clock.GetUtcNow();
        var e = Error(new JsonObject { ["StartTime"] = now, ["EndTime"] = now.AddSeconds(-1) });
        Assert.Equal(("InvalidTimeRangeException", "Start time must be before end time."), (e.Code, e.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void MaxResults_outside_1_to_50_is_refused(int max)
    {
        Assert.Equal("InvalidMaxResultsException", Error(new JsonObject { ["MaxResults"] = max }).Code);
    }

    [Fact]
    public void Pages_follow_NextToken_to_the_end_without_repeats()
    {
        for (var i = 0; i < 7; i++)
        {
            Add($"E{i}");
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var input = new JsonObject { ["MaxResults"] = 3 };
            if (token is not null)
            {
                input["NextToken"] = token;
            }

            var page = Lookup(input);
            seen.AddRange(Names(page));
            token = (string?)page["NextToken"];
            pages++;
        }
        while (token is not null);

        Assert.Equal(["E6", "E5", "E4", "E3", "E2", "E1", "E0"], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public void A_full_last_page_has_no_NextToken()
    {
        Add("A");
        Add("B");
        Assert.Null(Lookup(new JsonObject { ["MaxResults"] = 2 })["NextToken"]);
    }

    [Fact]
    public void A_NextToken_reused_with_other_parameters_is_InvalidNextToken()
    {
        Add("A");
        Add("A");
        var token = (string)Lookup(By("EventName", "A").Also("MaxResults", 1))["NextToken"]!;

        var e = Error(By("EventName", "B").Also("NextToken", token));
        Assert.Equal("InvalidNextTokenException", e.Code);
        Assert.Single(Names(Lookup(By("EventName", "A").Also("NextToken", token))));
    }

    [Fact]
    public void A_made_up_NextToken_is_InvalidNextToken()
    {
        Assert.Equal("InvalidNextTokenException", Error(new JsonObject { ["NextToken"] = "not-a-token" }).Code);
    }

    [Fact]
    public void The_history_is_per_region()
    {
        Add("Here");
        Add("There", region: "eu-west-1");
        Assert.Equal(["There"], Names(Lookup(new JsonObject(), "eu-west-1")));
    }

    [Fact]
    public void Insight_events_are_none_and_other_categories_are_refused()
    {
        Add("A");
        Assert.Empty(Names(Lookup(new JsonObject { ["EventCategory"] = "insight" })));
        Assert.Equal("InvalidEventCategoryException", Error(new JsonObject { ["EventCategory"] = "management" }).Code);
    }

    [Fact]
    public void Events_older_than_90_days_are_gone()
    {
        Add("Old");
        _ct.Clock.Advance(TimeSpan.FromDays(90) + TimeSpan.FromSeconds(1));
        Add("New");
        Assert.Equal(["New"], Names(Lookup(new JsonObject())));
    }

    [Fact]
    public void The_history_keeps_the_newest_events_up_to_its_capacity()
    {
        var history = new EventHistory(_ct.Clock) { Capacity = 100 };
        for (var i = 0; i < 150; i++)
        {
            var record = Records.Of("iam.amazonaws.com", $"E{i}", _ct.Tick());
            history.Add(new RecordedEvent(record, record.Record.ToJsonString()));
        }

        var kept = history.NewestFirst(CloudTrailHarness.Account, CloudTrailHarness.Region);
        Assert.InRange(kept.Count, 99, 101);
        Assert.Equal("E149", kept[0].Record.EventName);
    }

    [Fact]
    public void Events_are_ordered_by_event_time_even_when_they_arrive_out_of_order()
    {
        var early = _ct.Tick();
        var late = _ct.Tick();
        _ct.Accept(Records.Of("iam.amazonaws.com", "Late", late));
        _ct.Accept(Records.Of("iam.amazonaws.com", "Early", early));
        Assert.Equal(["Late", "Early"], Names(Lookup(new JsonObject())));
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject input, string member, JsonNode? value)
    {
        input[member] = value;
        return input;
    }
}
