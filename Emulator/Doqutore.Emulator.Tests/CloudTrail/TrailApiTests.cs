using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Tests.CloudTrail;

public class TrailApiTests
{
    private const string Account = CloudTrailHarness.Account;
    private readonly CloudTrailHarness _ct = new();

    private AwsServiceException Error(string operation, JsonObject input, string region = CloudTrailHarness.Region) =>
        Assert.Throws<AwsServiceException>(() => _ct.Call(operation, input, region));

    private JsonObject Create(string name, string region = CloudTrailHarness.Region, JsonObject? extra = null)
    {
        var input = new JsonObject { ["Name"] = name, ["S3BucketName"] = "trail-bucket" };
        foreach (var (key, value) in extra ?? [])
        {
            input[key] = value?.DeepClone();
        }

        return _ct.Call("CreateTrail", input, region);
    }

    private static JsonObject Named(string name) => new() { ["Name"] = name };

    [Fact]
    public void CreateTrail_answers_every_setting_a_stack_sets()
    {
        var output = Create("audit", extra: new JsonObject
        {
            ["S3KeyPrefix"] = "prod",
            ["SnsTopicName"] = "trail-topic",
            ["IsMultiRegionTrail"] = true,
            ["EnableLogFileValidation"] = true,
            ["CloudWatchLogsLogGroupArn"] = $"arn:aws:logs:us-east-1:{Account}:log-group:trail:*",
            ["CloudWatchLogsRoleArn"] = $"arn:aws:iam::{Account}:role/trail-to-logs",
            ["KmsKeyId"] = "alias/trail",
            ["TagsList"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "security" }),
        });

        Assert.Equal(
            JsonNode.Parse($$"""
            {"Name":"audit","S3BucketName":"trail-bucket","S3KeyPrefix":"prod","SnsTopicName":"trail-topic",
             "SnsTopicARN":"arn:aws:sns:us-east-1:{{Account}}:trail-topic","IncludeGlobalServiceEvents":true,"IsMultiRegionTrail":true,
             "TrailARN":"arn:aws:cloudtrail:us-east-1:{{Account}}:trail/audit","LogFileValidationEnabled":true,
             "CloudWatchLogsLogGroupArn":"arn:aws:logs:us-east-1:{{Account}}:log-group:trail:*",
             "CloudWatchLogsRoleArn":"arn:aws:iam::{{Account}}:role/trail-to-logs",
             "KmsKeyId":"arn:aws:kms:us-east-1:{{Account}}:alias/trail","IsOrganizationTrail":false}
            """)!.ToJsonString(),
            output.ToJsonString());
    }

    [Fact]
    public void A_new_trail_is_not_logging()
    {
        Create("audit");
        Assert.False((bool)_ct.Call("GetTrailStatus", Named("audit"))["IsLogging"]!);
    }

    [Fact]
    public void StartLogging_and_StopLogging_set_the_status_and_its_times()
    {
        Create("audit");
        _ct.Call("StartLogging", Named("audit"));
        var started = _ct.Call("GetTrailStatus", Named("audit"));
        _ct.Call("StopLogging", Named("audit"));
        var stopped = _ct.Call("GetTrailStatus", Named("audit"));

        Assert.True((bool)started["IsLogging"]!);
        Assert.NotNull(started["StartLoggingTime"]);
        Assert.Null(started["StopLoggingTime"]);
        Assert.False((bool)stopped["IsLogging"]!);
        Assert.NotNull(stopped["StopLoggingTime"]);
    }

    [Fact]
    public void StartLogging_on_a_logging_trail_and_StopLogging_on_a_stopped_one_succeed()
    {
        Create("audit");
        _ct.Call("StopLogging", Named("audit"));
        _ct.Call("StartLogging", Named("audit"));
        _ct.Call("StartLogging", Named("audit"));
        Assert.True((bool)_ct.Call("GetTrailStatus", Named("audit"))["IsLogging"]!);
    }

    [Theory]
    [InlineData("ab", "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.")]
    [InlineData("-abc", "Trail name must starts with a letter or number.")]
    [InlineData("abc-", "Trail name must ends with a letter or number.")]
    [InlineData("ab--c", "Trail name cannot have adjacent periods (.), hyphens (-), or underscores (_).")]
    [InlineData("a b c", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")]
    [InlineData("192.168.5.4", "Trail name cannot be formatted as an IP address.")]
    public void Invalid_trail_names_are_refused(string name, string message)
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = name, ["S3BucketName"] = "trail-bucket" });
        Assert.Equal(("InvalidTrailNameException", message, 400), (e.Code, e.Message, e.StatusCode));
    }

    [Fact]
    public void A_name_of_129_characters_is_too_long()
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = new string('a', 129), ["S3BucketName"] = "trail-bucket" });
        Assert.Equal("Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters.", e.Message);
    }

    [Fact]
    public void An_unknown_trail_is_TrailNotFound_with_AWSs_message()
    {
        var e = Error("UpdateTrail", Named("myTrail2"));
        Assert.Equal(("TrailNotFoundException", $"Unknown trail: myTrail2 for the user: {Account}"), (e.Code, e.Message));
    }

    [Fact]
    public void A_second_trail_of_the_same_name_is_refused()
    {
        Create("audit");
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "trail-bucket" });
        Assert.Equal(("TrailAlreadyExistsException", $"Trail audit already exists for customer: {Account}"), (e.Code, e.Message));
    }

    [Fact]
    public void Five_trails_per_region_at_most()
    {
        for (var i = 0; i < 5; i++)
        {
            Create($"trail{i}");
        }

        var e = Error("CreateTrail", new JsonObject { ["Name"] = "trail5", ["S3BucketName"] = "trail-bucket" });
        Assert.Equal(("MaximumNumberOfTrailsExceededException", $"User: {Account} already has 5 trails in us-east-1."), (e.Code, e.Message));
        Create("trail5", region: "eu-west-1");
    }

    [Fact]
    public void A_multi_region_trail_counts_against_every_regions_limit()
    {
        Create("everywhere", extra: new JsonObject { ["IsMultiRegionTrail"] = true });
        for (var i = 0; i < 4; i++)
        {
            Create($"trail{i}", region: "eu-west-1");
        }

        Assert.Equal("MaximumNumberOfTrailsExceededException", Error("CreateTrail", new JsonObject { ["Name"] = "trail4", ["S3BucketName"] = "trail-bucket" }, "eu-west-1").Code);
    }

    [Fact]
    public void Trails_are_found_by_ARN()
    {
        Create("audit");
        var trail = (JsonObject)_ct.Call("GetTrail", Named($"arn:aws:cloudtrail:us-east-1:{Account}:trail/audit"))["Trail"]!;
        Assert.Equal(("audit", "us-east-1", false), ((string)trail["Name"]!, (string)trail["HomeRegion"]!, (bool)trail["HasCustomEventSelectors"]!));
    }

    [Fact]
    public void A_malformed_ARN_is_CloudTrailARNInvalid()
    {
        Assert.Equal("CloudTrailARNInvalidException", Error("GetTrail", Named("arn:aws:s3:::bucket")).Code);
    }

    [Fact]
    public void A_multi_region_trail_shows_as_a_shadow_trail_in_other_regions()
    {
        Create("everywhere", extra: new JsonObject { ["IsMultiRegionTrail"] = true });

        var withShadows = (JsonArray)_ct.Call("DescribeTrails", new JsonObject(), "eu-west-1")["trailList"]!;
        var withoutShadows = (JsonArray)_ct.Call("DescribeTrails", new JsonObject { ["includeShadowTrails"] = false }, "eu-west-1")["trailList"]!;

        Assert.Equal("us-east-1", (string)Assert.Single(withShadows)!["HomeRegion"]!);
        Assert.Empty(withoutShadows);
    }

    [Fact]
    public void DescribeTrails_takes_names_and_ARNs_and_leaves_out_unknown_ones()
    {
        Create("one");
        Create("two");
        Create("three");
        var list = (JsonArray)_ct.Call("DescribeTrails", new JsonObject
        {
            ["trailNameList"] = new JsonArray("one", $"arn:aws:cloudtrail:us-east-1:{Account}:trail/two", "missing"),
        })["trailList"]!;

        Assert.Equal(["one", "two"], list.Select(t => (string)t!["Name"]!).ToArray());
    }

    [Theory]
    [InlineData("StopLogging")]
    [InlineData("StartLogging")]
    [InlineData("DeleteTrail")]
    [InlineData("UpdateTrail")]
    public void Changes_to_a_multi_region_trail_outside_its_home_region_are_InvalidHomeRegion(string operation)
    {
        Create("everywhere", extra: new JsonObject { ["IsMultiRegionTrail"] = true });
        var e = Error(operation, Named("everywhere"), "eu-west-1");
        Assert.Equal("InvalidHomeRegionException", e.Code);
    }

    [Fact]
    public void GetTrailStatus_of_a_shadow_trail_requires_its_ARN()
    {
        Create("everywhere", extra: new JsonObject { ["IsMultiRegionTrail"] = true });
        Assert.Equal("TrailNotFoundException", Error("GetTrailStatus", Named("everywhere"), "eu-west-1").Code);
        _ct.Call("GetTrailStatus", Named($"arn:aws:cloudtrail:us-east-1:{Account}:trail/everywhere"), "eu-west-1");
    }

    [Fact]
    public void A_single_region_trail_of_another_region_is_not_found_by_name()
    {
        Create("local", region: "eu-west-1");
        Assert.Equal("TrailNotFoundException", Error("GetTrail", Named("local")).Code);
    }

    [Fact]
    public void A_trail_of_another_region_is_read_by_ARN_but_not_changed()
    {
        Create("local", region: "eu-west-1");
        var arn = $"arn:aws:cloudtrail:eu-west-1:{Account}:trail/local";

        Assert.Equal("eu-west-1", (string?)_ct.Call("GetTrail", Named(arn))["Trail"]!["HomeRegion"]);
        Assert.Equal("local", (string?)Assert.Single((JsonArray)_ct.Call("DescribeTrails", new JsonObject { ["trailNameList"] = new JsonArray(arn) })["trailList"]!)!["Name"]);
        Assert.Equal("InvalidHomeRegionException", Error("StartLogging", Named(arn)).Code);
    }

    [Fact]
    public void A_trail_of_another_account_is_not_found_by_ARN()
    {
        Create("audit");
        var e = Error("GetTrail", Named("arn:aws:cloudtrail:us-east-1:444455556666:trail/audit"));
        Assert.Equal(("TrailNotFoundException", $"Unknown trail: arn:aws:cloudtrail:us-east-1:444455556666:trail/audit for the user: {Account}"), (e.Code, e.Message));
    }

    [Fact]
    public void CloudWatch_Logs_group_without_role_is_refused()
    {
        var e = Error("CreateTrail", new JsonObject
        {
            ["Name"] = "audit", ["S3BucketName"] = "trail-bucket", ["CloudWatchLogsLogGroupArn"] = $"arn:aws:logs:us-east-1:{Account}:log-group:trail:*",
        });
        Assert.Equal("InvalidCloudWatchLogsRoleArnException", e.Code);
    }

    [Fact]
    public void CloudWatch_Logs_role_without_group_is_refused()
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "trail-bucket", ["CloudWatchLogsRoleArn"] = $"arn:aws:iam::{Account}:role/r" });
        Assert.Equal("InvalidCloudWatchLogsLogGroupArnException", e.Code);
    }

    [Fact]
    public void An_organization_trail_is_refused_without_an_organization()
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "org", ["S3BucketName"] = "trail-bucket", ["IsOrganizationTrail"] = true });
        Assert.Equal(("OrganizationsNotInUseException", "This account is not part of an organization."), (e.Code, e.Message));
    }

    [Fact]
    public void A_multi_region_trail_must_include_global_service_events()
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "multi", ["S3BucketName"] = "trail-bucket", ["IsMultiRegionTrail"] = true, ["IncludeGlobalServiceEvents"] = false });
        Assert.Equal(("InvalidParameterCombinationException", "Multi-Region trail must include global service events."), (e.Code, e.Message));
    }

    [Fact]
    public void A_bucket_that_does_not_exist_is_refused_when_S3_can_tell()
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "no-such-bucket" });
        Assert.Equal(("S3BucketDoesNotExistException", "S3 bucket no-such-bucket does not exist."), (e.Code, e.Message));
    }

    [Fact]
    public void A_bucket_whose_policy_refuses_CloudTrail_is_refused()
    {
        _ct.LogStore.Buckets.Add("locked");
        _ct.LogStore.BucketsWithoutPolicy.Add("locked");
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "locked" });
        Assert.Equal(("InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: locked"), (e.Code, e.Message));
    }

    [Fact]
    public void Without_a_log_store_the_bucket_check_is_skipped()
    {
        var ct = new CloudTrailHarness(withLogStore: false);
        ct.Call("CreateTrail", new JsonObject { ["Name"] = "audit", ["S3BucketName"] = "not-checked" });
    }

    [Fact]
    public void UpdateTrail_changes_only_what_it_names()
    {
        Create("audit", extra: new JsonObject { ["S3KeyPrefix"] = "p", ["EnableLogFileValidation"] = true });
        var output = _ct.Call("UpdateTrail", new JsonObject { ["Name"] = "audit", ["IsMultiRegionTrail"] = true, ["KmsKeyId"] = "1234abcd-12ab-34cd-56ef-1234567890ab" });

        Assert.Equal("p", (string?)output["S3KeyPrefix"]);
        Assert.True((bool)output["LogFileValidationEnabled"]!);
        Assert.True((bool)output["IsMultiRegionTrail"]!);
        Assert.Equal($"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab", (string?)output["KmsKeyId"]);
    }

    [Fact]
    public void An_invalid_KMS_key_is_refused()
    {
        Assert.Equal("InvalidKmsKeyIdException", Error("CreateTrail", new JsonObject { ["Name"] = "a1b", ["S3BucketName"] = "trail-bucket", ["KmsKeyId"] = "not a key" }).Code);
    }

    [Fact]
    public void DeleteTrail_removes_the_trail()
    {
        Create("audit");
        _ct.Call("DeleteTrail", Named("audit"));
        Assert.Equal("TrailNotFoundException", Error("GetTrail", Named("audit")).Code);
        Create("audit");
    }

    [Fact]
    public void ListTrails_lists_the_accounts_trails_of_every_region()
    {
        Create("local", region: "eu-west-1");
        Create("everywhere", extra: new JsonObject { ["IsMultiRegionTrail"] = true });
        Create("west", region: "us-west-2");
        var trails = (JsonArray)_ct.Call("ListTrails", new JsonObject(), "eu-west-1")["Trails"]!;
        Assert.Equal(["everywhere/us-east-1", "local/eu-west-1", "west/us-west-2"], trails.Select(t => $"{t!["Name"]}/{t["HomeRegion"]}").ToArray());
    }

    [Fact]
    public void Put_and_Get_event_selectors_round_trip_and_mark_the_trail()
    {
        Create("audit");
        var put = _ct.Call("PutEventSelectors", JsonNode.Parse("""{"TrailName":"audit","EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::b/"]}]}]}""")!.AsObject());
        var get = _ct.Call("GetEventSelectors", new JsonObject { ["TrailName"] = "audit" });

        Assert.Equal(put.ToJsonString(), get.ToJsonString());
        Assert.Equal("WriteOnly", (string?)get["EventSelectors"]![0]!["ReadWriteType"]);
        Assert.True((bool)((JsonObject)_ct.Call("GetTrail", Named("audit"))["Trail"]!)["HasCustomEventSelectors"]!);
    }

    [Fact]
    public void Advanced_selectors_replace_basic_ones()
    {
        Create("audit");
        _ct.Call("PutEventSelectors", JsonNode.Parse("""{"TrailName":"audit","EventSelectors":[{}]}""")!.AsObject());
        _ct.Call("PutEventSelectors", JsonNode.Parse("""{"TrailName":"audit","AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]}""")!.AsObject());
        var get = _ct.Call("GetEventSelectors", new JsonObject { ["TrailName"] = "audit" });
        Assert.Null(get["EventSelectors"]);
        Assert.NotNull(get["AdvancedEventSelectors"]);
    }

    [Fact]
    public void Default_event_selectors_take_all_management_events()
    {
        Create("audit");
        var get = _ct.Call("GetEventSelectors", new JsonObject { ["TrailName"] = "audit" });
        Assert.Equal("""[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}]""", get["EventSelectors"]!.ToJsonString());
    }

    [Fact]
    public void Tags_are_added_listed_and_removed_by_ARN()
    {
        Create("audit", extra: new JsonObject { ["TagsList"] = new JsonArray(new JsonObject { ["Key"] = "a", ["Value"] = "1" }) });
        var arn = $"arn:aws:cloudtrail:us-east-1:{Account}:trail/audit";
        _ct.Call("AddTags", new JsonObject { ["ResourceId"] = arn, ["TagsList"] = new JsonArray(new JsonObject { ["Key"] = "b", ["Value"] = "2" }) });
        _ct.Call("RemoveTags", new JsonObject { ["ResourceId"] = arn, ["TagsList"] = new JsonArray(new JsonObject { ["Key"] = "a" }) });
        var list = _ct.Call("ListTags", new JsonObject { ["ResourceIdList"] = new JsonArray(arn) });

        Assert.Equal($$"""[{"ResourceId":"{{arn}}","TagsList":[{"Key":"b","Value":"2"}]}]""", list["ResourceTagList"]!.ToJsonString());
    }

    [Fact]
    public void Tags_of_an_unknown_trail_are_ResourceNotFound_and_a_name_is_not_an_ARN()
    {
        Assert.Equal("ResourceNotFoundException", Error("ListTags", new JsonObject { ["ResourceIdList"] = new JsonArray($"arn:aws:cloudtrail:us-east-1:{Account}:trail/none") }).Code);
        Assert.Equal("CloudTrailARNInvalidException", Error("AddTags", new JsonObject { ["ResourceId"] = "audit", ["TagsList"] = new JsonArray() }).Code);
    }

    [Fact]
    public void More_than_50_tags_are_refused()
    {
        Create("audit");
        var tags = new JsonArray(Enumerable.Range(0, 51).Select(i => (JsonNode?)new JsonObject { ["Key"] = $"k{i}" }).ToArray());
        var e = Error("AddTags", new JsonObject { ["ResourceId"] = $"arn:aws:cloudtrail:us-east-1:{Account}:trail/audit", ["TagsList"] = tags });
        Assert.Equal("TagsLimitExceededException", e.Code);
    }

    [Fact]
    public void A_missing_required_member_is_a_validation_error()
    {
        var e = Error("CreateTrail", new JsonObject { ["Name"] = "audit" });
        Assert.Equal(("ValidationException", "1 validation error detected: Value 'null' at 's3BucketName' failed to satisfy constraint: Member must not be null"), (e.Code, e.Message));
    }
}
