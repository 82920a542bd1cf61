using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>
/// The CloudTrail API through boto3. One Python process runs every scenario for the class; each test asserts one
/// scenario's recorded outcome. The history is fed hand-built records through the sink before the script runs.
/// </summary>
public class CloudTrailBoto3Tests(CloudTrailEmulatorFixture emulator) : IClassFixture<CloudTrailEmulatorFixture>
{
    private static readonly Boto3Scenario Scenario = new("""
        ct = boto3.client("cloudtrail", endpoint_url=url, region_name="us-east-1", config=cfg)
        west = boto3.client("cloudtrail", endpoint_url=url, region_name="us-west-2", config=cfg)
        hist = boto3.client("cloudtrail", endpoint_url=url, region_name="ca-central-1", config=cfg)
        raw = boto3.client("cloudtrail", endpoint_url=url, region_name="ca-central-1", config=Config(retries={"max_attempts": 1}, parameter_validation=False))

        created = ct.create_trail(Name="stack-trail", S3BucketName="audit-logs", S3KeyPrefix="cfn", SnsTopicName="trail-events",
            IncludeGlobalServiceEvents=True, IsMultiRegionTrail=True, EnableLogFileValidation=True,
            CloudWatchLogsLogGroupArn="arn:aws:logs:us-east-1:000000000000:log-group:CloudTrail/logs:*",
            CloudWatchLogsRoleArn="arn:aws:iam::000000000000:role/CloudTrailToLogs",
            KmsKeyId="1234abcd-12ab-34cd-56ef-1234567890ab", TagsList=[{"Key": "stack", "Value": "audit"}])
        created.pop("ResponseMetadata")
        out["created"] = created
        out["get_trail"] = ct.get_trail(Name=created["TrailARN"])["Trail"]
        out["list_trails_west"] = west.list_trails()["Trails"]
        out["shadow_west"] = west.describe_trails(includeShadowTrails=True)["trailList"]
        out["no_shadow_west"] = west.describe_trails(includeShadowTrails=False)["trailList"]
        out["status_west_by_name"] = err(west.get_trail_status, Name="stack-trail")
        out["status_west_by_arn"] = west.get_trail_status(Name=created["TrailARN"])["IsLogging"]
        out["delete_west"] = err(west.delete_trail, Name=created["TrailARN"])
        ct.start_logging(Name="stack-trail")
        out["logging"] = ct.get_trail_status(Name="stack-trail")["IsLogging"]
        ct.stop_logging(Name="stack-trail")
        out["stopped"] = ct.get_trail_status(Name="stack-trail")["IsLogging"]

        arn = created["TrailARN"]
        ct.add_tags(ResourceId=arn, TagsList=[{"Key": "owner", "Value": "sec"}])
        ct.remove_tags(ResourceId=arn, TagsList=[{"Key": "stack"}])
        out["tags"] = ct.list_tags(ResourceIdList=[arn])["ResourceTagList"][0]["TagsList"]

        out["duplicate"] = err(ct.create_trail, Name="stack-trail", S3BucketName="audit-logs")
        out["bad_name"] = err(ct.create_trail, Name="my..trail", S3BucketName="audit-logs")
        out["org_trail"] = err(ct.create_trail, Name="org-trail", S3BucketName="audit-logs", IsOrganizationTrail=True)
        out["group_only"] = err(ct.create_trail, Name="cw-trail", S3BucketName="audit-logs",
            CloudWatchLogsLogGroupArn="arn:aws:logs:us-east-1:000000000000:log-group:x:*")
        out["mixed_selectors"] = err(ct.put_event_selectors, TrailName="stack-trail", EventSelectors=[{"ReadWriteType": "All"}],
            AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]}])
        out["advanced_starts_with_readonly"] = err(ct.put_event_selectors, TrailName="stack-trail",
            AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "StartsWith": ["t"]}]}])
        ct.put_event_selectors(TrailName="stack-trail", AdvancedEventSelectors=[
            {"Name": "writes", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["false"]}]}])
        sel = ct.get_event_selectors(TrailName=arn)
        sel.pop("ResponseMetadata")
        out["selectors"] = sel

        pages = [len(p["Events"]) for p in hist.get_paginator("lookup_events").paginate(
            LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "boto"}], PaginationConfig={"PageSize": 5})]
        out["lookup_pages"] = pages
        first = hist.lookup_events(MaxResults=1, LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "boto"}])
        out["lookup_first"] = {"name": first["Events"][0]["EventName"], "readonly": first["Events"][0]["ReadOnly"],
            "record": json.loads(first["Events"][0]["CloudTrailEvent"]), "has_token": "NextToken" in first}
        out["lookup_readonly"] = [[e["EventName"], e["ReadOnly"]] for e in hist.lookup_events(LookupAttributes=[{"AttributeKey": "ReadOnly", "AttributeValue": "true"}])["Events"]]
        # The recorder records this script's own calls: LookupEvents by the root is in the history too.
        out["lookup_own_calls"] = [e["Username"] for e in hist.lookup_events(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "LookupEvents"}])["Events"]]
        out["bad_token"] = err(hist.lookup_events, LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "X"}], NextToken=first["NextToken"])
        out["same_token"] = [e["EventName"] for e in hist.lookup_events(MaxResults=1, LookupAttributes=[{"AttributeKey": "Username", "AttributeValue": "boto"}], NextToken=first["NextToken"])["Events"]]
        out["two_attributes"] = err(hist.lookup_events, LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "X"}, {"AttributeKey": "Username", "AttributeValue": "Y"}])
        out["bad_max"] = err(raw.lookup_events, MaxResults=51)
        now = datetime.datetime.now(datetime.timezone.utc)
        out["bad_range"] = err(hist.lookup_events, StartTime=now, EndTime=now - datetime.timedelta(hours=1))
        """);

    private JsonObject Outcome => Scenario.Outcome(emulator, () =>
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 11; i++)
        {
            emulator.Sink.Accept(TestRecords.Management($"Call{i}", "ca-central-1", now.AddSeconds(i - 30), readOnly: i == 3, username: "boto"));
        }
    });

    private static void AssertError(JsonNode outcome, string code, string? message = null)
    {
        Assert.Equal(code, (string?)outcome["code"]);
        Assert.Equal(400, (int)outcome["status"]!);
        if (message is not null)
        {
            Assert.Equal(message, (string?)outcome["message"]);
        }
    }

    [SkippableFact]
    public void CreateTrail_takes_every_parameter_a_stack_sets()
    {
        var created = Outcome["created"]!;
        Assert.Equal(
            JsonNode.Parse("""
            {"Name":"stack-trail","S3BucketName":"audit-logs","S3KeyPrefix":"cfn","SnsTopicName":"trail-events",
             "SnsTopicARN":"arn:aws:sns:us-east-1:000000000000:trail-events","IncludeGlobalServiceEvents":true,"IsMultiRegionTrail":true,
             "TrailARN":"arn:aws:cloudtrail:us-east-1:000000000000:trail/stack-trail","LogFileValidationEnabled":true,
             "CloudWatchLogsLogGroupArn":"arn:aws:logs:us-east-1:000000000000:log-group:CloudTrail/logs:*",
             "CloudWatchLogsRoleArn":"arn:aws:iam::000000000000:role/CloudTrailToLogs",
             "KmsKeyId":"arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab","IsOrganizationTrail":false}
            """)!.ToJsonString(),
            created.ToJsonString());
        Assert.Equal("us-east-1", (string?)Outcome["get_trail"]!["HomeRegion"]);
    }

    [SkippableFact]
    public void A_multi_region_trail_is_a_shadow_trail_in_other_regions()
    {
        Assert.Equal("us-east-1", (string?)Assert.Single(Outcome["shadow_west"]!.AsArray())!["HomeRegion"]);
        Assert.Empty(Outcome["no_shadow_west"]!.AsArray());
        Assert.Equal("stack-trail", (string?)Assert.Single(Outcome["list_trails_west"]!.AsArray())!["Name"]);
        AssertError(Outcome["status_west_by_name"]!, "TrailNotFoundException", "Unknown trail: stack-trail for the user: 000000000000");
        Assert.False((bool)Outcome["status_west_by_arn"]!);
        AssertError(Outcome["delete_west"]!, "InvalidHomeRegionException");
    }

    [SkippableFact]
    public void Logging_starts_and_stops()
    {
        Assert.True((bool)Outcome["logging"]!);
        Assert.False((bool)Outcome["stopped"]!);
    }

    [SkippableFact]
    public void Tags_are_added_and_removed()
    {
        Assert.Equal("""[{"Key":"owner","Value":"sec"}]""", Outcome["tags"]!.ToJsonString());
    }

    [SkippableFact]
    public void CreateTrail_refusals_carry_AWSs_codes()
    {
        AssertError(Outcome["duplicate"]!, "TrailAlreadyExistsException", "Trail stack-trail already exists for customer: 000000000000");
        AssertError(Outcome["bad_name"]!, "InvalidTrailNameException", "Trail name cannot have adjacent periods (.), hyphens (-), or underscores (_).");
        AssertError(Outcome["org_trail"]!, "OrganizationsNotInUseException");
        AssertError(Outcome["group_only"]!, "InvalidCloudWatchLogsRoleArnException");
    }

    [SkippableFact]
    public void Event_selectors_are_validated_and_read_back()
    {
        AssertError(Outcome["mixed_selectors"]!, "InvalidParameterCombinationException");
        AssertError(Outcome["advanced_starts_with_readonly"]!, "InvalidEventSelectorsException", "The only operator supported for the field readOnly is Equals.");
        var selectors = Outcome["selectors"]!;
        Assert.Equal("arn:aws:cloudtrail:us-east-1:000000000000:trail/stack-trail", (string?)selectors["TrailARN"]);
        Assert.Equal("writes", (string?)selectors["AdvancedEventSelectors"]![0]!["Name"]);
    }

    [SkippableFact]
    public void LookupEvents_pages_filter_and_carry_the_record()
    {
        Assert.Equal([5, 5, 1], Outcome["lookup_pages"]!.AsArray().Select(n => (int)n!));
        var first = Outcome["lookup_first"]!;
        Assert.Equal("Call10", (string?)first["name"]);
        Assert.Equal("false", (string?)first["readonly"]);
        Assert.Equal("Call10", (string?)first["record"]!["eventName"]);
        Assert.True((bool)first["has_token"]!);
        var readOnly = Outcome["lookup_readonly"]!.AsArray();
        Assert.Contains(readOnly, e => (string?)e![0] == "Call3");
        Assert.DoesNotContain(readOnly, e => (string?)e![0] == "Call4");
        Assert.All(readOnly, e => Assert.Equal("true", (string?)e![1]));
        Assert.Equal(["Call9"], Outcome["same_token"]!.AsArray().Select(n => (string)n!));
    }

    [SkippableFact]
    public void The_callers_own_LookupEvents_calls_are_in_the_history()
    {
        Assert.Contains("root", Outcome["lookup_own_calls"]!.AsArray().Select(n => (string?)n));
    }

    [SkippableFact]
    public void LookupEvents_refusals_carry_AWSs_codes()
    {
        AssertError(Outcome["bad_token"]!, "InvalidNextTokenException");
        AssertError(Outcome["two_attributes"]!, "InvalidLookupAttributesException");
        AssertError(Outcome["bad_max"]!, "InvalidMaxResultsException");
        AssertError(Outcome["bad_range"]!, "InvalidTimeRangeException", "Start time must be before end time.");
    }
}
