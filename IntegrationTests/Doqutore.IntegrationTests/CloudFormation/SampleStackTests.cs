using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>
/// The sample stack (every resource type the emulator provisions but Lambda) created, updated and deleted through
/// CloudFormation, and every resource read back through its own service's API and compared with the template.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class SampleStackTests(EmulatorFixture emulator) : IDisposable
{
    private readonly Stacks _stacks = new(emulator);
    private readonly string _suffix = Stacks.Unique("s");

    private string StackName => "sample-" + _suffix;

    private static JsonObject Template() => JsonNode.Parse(Stacks.Template("sample-stack.json"))!.AsObject();

    private static JsonObject Resource(JsonObject template, string logicalId) => template["Resources"]![logicalId]!["Properties"]!.AsObject();

    private async Task<JsonObject> DeployAsync(JsonObject template, params (string, string)[] parameters)
    {
        await _stacks.CreateAsync(StackName, template.ToJsonString(), Stacks.Parameters([("Suffix", _suffix), .. parameters]), "CAPABILITY_NAMED_IAM");
        return await _stacks.SettledAsync(StackName);
    }

    [Fact]
    public async Task Create_provisions_every_resource_as_the_template_describes_it()
    {
        var template = Template();

        var stack = await DeployAsync(template);

        Assert.Equal("CREATE_COMPLETE", (string?)stack["StackStatus"]);
        var ids = await _stacks.PhysicalIdsAsync(StackName);
        Assert.DoesNotContain("Archive", ids.Keys);
        Assert.DoesNotContain(((JsonArray)stack["Outputs"]!), o => (string?)o!["OutputKey"] == "ArchiveUrl");

        // S3: versioning and the bucket policy, its intrinsic functions resolved.
        var bucket = $"sample-trail-{_suffix}";
        Assert.Equal(bucket, ids["TrailBucket"]);
        Assert.Equal("Enabled", (string?)(await _stacks.Call("s3", "GetBucketVersioning", new JsonObject { ["Bucket"] = bucket }))["Status"]);
        var bucketPolicy = JsonNode.Parse((string)(await _stacks.Call("s3", "GetBucketPolicy", new JsonObject { ["Bucket"] = bucket }))["Policy"]!)!;
        Assert.Equal($"arn:aws:s3:::{bucket}", (string?)bucketPolicy["Statement"]![0]!["Resource"]);
        Assert.Equal($"arn:aws:s3:::{bucket}/AWSLogs/{EmulatorFixture.AccountId}/*", (string?)bucketPolicy["Statement"]![1]!["Resource"]);

        // CloudTrail: the trail writes to the bucket and is logging.
        var trail = (await _stacks.Call("cloudtrail", "GetTrail", new JsonObject { ["Name"] = ids["Trail"] }))["Trail"]!;
        Assert.Equal(bucket, (string?)trail["S3BucketName"]);
        Assert.True((bool)(await _stacks.Call("cloudtrail", "GetTrailStatus", new JsonObject { ["Name"] = ids["Trail"] }))["IsLogging"]!);

        // SNS: display name, policy, and the raw-delivery subscription to the queue.
        var topicArn = ids["Alerts"];
        var topic = (await _stacks.Call("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = topicArn }))["Attributes"]!;
        Assert.Equal("Sample alerts", (string?)topic["DisplayName"]);
        var topicPolicy = JsonNode.Parse((string)topic["Policy"]!)!;
        Assert.Equal("events.amazonaws.com", (string?)topicPolicy["Statement"]![0]!["Principal"]!["Service"]);
        Assert.Equal(topicArn, (string?)topicPolicy["Statement"]![0]!["Resource"]);
        var queueArn = $"arn:aws:sqs:{EmulatorFixture.Region}:{EmulatorFixture.AccountId}:sample-inbox-{_suffix}";
        var subscription = (await _stacks.Call("sns", "GetSubscriptionAttributes", new JsonObject { ["SubscriptionArn"] = ids["InboxSubscription"] }))["Attributes"]!;
        Assert.Equal(queueArn, (string?)subscription["Endpoint"]);
        Assert.Equal("true", (string?)subscription["RawMessageDelivery"]);

        // SQS: the Number parameter's default and the queue policy.
        var queue = (await _stacks.Call("sqs", "GetQueueAttributes", new JsonObject { ["QueueUrl"] = Stacks.Output(stack, "InboxUrl"), ["AttributeNames"] = new JsonArray("All") }))["Attributes"]!;
        Assert.Equal("30", (string?)queue["VisibilityTimeout"]);
        Assert.Equal(queueArn, (string?)JsonNode.Parse((string)queue["Policy"]!)!["Statement"]![0]!["Resource"]);

        // EventBridge: the pattern as written and both targets.
        var rule = await _stacks.Call("events", "DescribeRule", new JsonObject { ["Name"] = ids["StoppedLogging"] });
        Assert.True(JsonNode.DeepEquals(template["Resources"]!["StoppedLogging"]!["Properties"]!["EventPattern"], JsonNode.Parse((string)rule["EventPattern"]!)));
        var targets = (JsonArray)(await _stacks.Call("events", "ListTargetsByRule", new JsonObject { ["Rule"] = ids["StoppedLogging"] }))["Targets"]!;
        Assert.Equal(new[] { queueArn, topicArn }.Order(StringComparer.Ordinal), targets.Select(t => (string)t!["Arn"]!).Order(StringComparer.Ordinal));

        // DynamoDB: the index and the stream the output exports.
        var table = (await _stacks.Call("dynamodb", "DescribeTable", new JsonObject { ["TableName"] = ids["Incidents"] }))["Table"]!;
        Assert.Equal("by-kind", (string?)table["GlobalSecondaryIndexes"]![0]!["IndexName"]);
        Assert.Equal("NEW_AND_OLD_IMAGES", (string?)table["StreamSpecification"]!["StreamViewType"]);
        Assert.Equal((string?)table["LatestStreamArn"], Stacks.Output(stack, "IncidentsStream"));
        var exports = (JsonArray)(await _stacks.Call("cloudformation", "ListExports"))["Exports"]!;
        Assert.Contains(exports, e => (string?)e!["Name"] == $"{StackName}-IncidentsStream" && (string?)e["Value"] == (string?)table["LatestStreamArn"]);

        // Logs: retention from the mapping.
        var groups = (JsonArray)(await _stacks.Call("logs", "DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = $"/sample/{_suffix}/" }))["logGroups"]!;
        Assert.Equal(14L, (long)groups.Single()!["retentionInDays"]!);

        // IAM: trust policy, inline policies (its own and the AWS::IAM::Policy), managed policies attached.
        var roleName = $"sample-responder-{_suffix}";
        var role = (await _stacks.Call("iam", "GetRole", new JsonObject { ["RoleName"] = roleName }))["Role"]!;
        Assert.Equal(Stacks.Output(stack, "RoleArn"), (string?)role["Arn"]);
        Assert.True(JsonNode.DeepEquals(Resource(template, "ResponderRole")["AssumeRolePolicyDocument"], JsonNode.Parse(Uri.UnescapeDataString((string)role["AssumeRolePolicyDocument"]!))));
        var inline = (JsonArray)(await _stacks.Call("iam", "ListRolePolicies", new JsonObject { ["RoleName"] = roleName }))["PolicyNames"]!;
        Assert.Equal(["incidents", "restart-trail"], inline.Select(n => (string)n!).Order().ToArray());
        var restart = JsonNode.Parse(Uri.UnescapeDataString((string)(await _stacks.Call("iam", "GetRolePolicy", new JsonObject { ["RoleName"] = roleName, ["PolicyName"] = "restart-trail" }))["PolicyDocument"]!))!;
        Assert.Equal((string?)trail["TrailARN"], (string?)restart["Statement"]![0]!["Resource"]);
        var attached = (JsonArray)(await _stacks.Call("iam", "ListAttachedRolePolicies", new JsonObject { ["RoleName"] = roleName }))["AttachedPolicies"]!;
        Assert.Equal(["AWSLambdaBasicExecutionRole", $"sample-notify-{_suffix}"], attached.Select(p => (string)p!["PolicyName"]!).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Update_changes_in_place_adds_removes_and_replaces_resources()
    {
        var template = Template();
        var before = await DeployAsync(template);
        var oldIds = await _stacks.PhysicalIdsAsync(StackName);

        // A changed property (parameter), an added resource (condition now true), a removed one, a renamed one.
        var resources = template["Resources"]!.AsObject();
        resources.Remove("ResponderLogs");
        Resource(template, "Alerts")["DisplayName"] = "Renamed alerts";
        Resource(template, "StoppedLogging")["Name"] = new JsonObject { ["Fn::Sub"] = "sample-stopped-logging-v2-${Suffix}" };
        await _stacks.UpdateAsync(StackName, template.ToJsonString(), Stacks.Parameters(("Suffix", _suffix), ("VisibilityTimeout", "60"), ("WithArchive", "true")), "CAPABILITY_NAMED_IAM");
        var after = await _stacks.SettledAsync(StackName);

        Assert.Equal("UPDATE_COMPLETE", (string?)after["StackStatus"]);
        var ids = await _stacks.PhysicalIdsAsync(StackName);
        var queue = (await _stacks.Call("sqs", "GetQueueAttributes", new JsonObject { ["QueueUrl"] = Stacks.Output(before, "InboxUrl"), ["AttributeNames"] = new JsonArray("VisibilityTimeout") }))["Attributes"]!;
        Assert.Equal("60", (string?)queue["VisibilityTimeout"]);
        Assert.Equal(Stacks.Output(before, "InboxUrl"), ids["Inbox"]);
        Assert.NotNull(await _stacks.Call("sqs", "GetQueueUrl", new JsonObject { ["QueueName"] = $"sample-archive-{_suffix}" }));
        Assert.Equal(ids["Archive"], Stacks.Output(after, "ArchiveUrl"));
        Assert.DoesNotContain("ResponderLogs", ids.Keys);
        Assert.Empty((JsonArray)(await _stacks.Call("logs", "DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = $"/sample/{_suffix}/" }))["logGroups"]!);
        Assert.Equal("Renamed alerts", (string?)(await _stacks.Call("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = ids["Alerts"] }))["Attributes"]!["DisplayName"]);
        Assert.Equal($"sample-stopped-logging-v2-{_suffix}", ids["StoppedLogging"]);
        Assert.Equal("ResourceNotFoundException", (await _stacks.ErrorAsync("events", "DescribeRule", new JsonObject { ["Name"] = oldIds["StoppedLogging"] })).Code);
        Assert.Single((JsonArray)(await _stacks.Call("events", "ListTargetsByRule", new JsonObject { ["Rule"] = ids["StoppedLogging"] }))["Targets"]!, t => (string?)t!["Id"] == "inbox");
    }

    [Fact]
    public async Task Update_without_changes_is_refused_with_no_updates()
    {
        var template = Template();
        await DeployAsync(template);

        var error = await _stacks.ErrorAsync("cloudformation", "UpdateStack", new JsonObject
        {
            ["StackName"] = StackName,
            ["TemplateBody"] = template.ToJsonString(),
            ["Parameters"] = Stacks.Parameters(("Suffix", _suffix)),
            ["Capabilities"] = new JsonArray("CAPABILITY_NAMED_IAM"),
        });

        Assert.Equal(("ValidationError", "No updates are to be performed."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Delete_removes_every_resource()
    {
        var stack = await DeployAsync(Template());
        var stackId = (string)stack["StackId"]!;
        var ids = await _stacks.PhysicalIdsAsync(StackName);

        await _stacks.DeleteAsync(StackName);
        var deleted = await _stacks.SettledAsync(stackId);

        Assert.Equal("DELETE_COMPLETE", (string?)deleted["StackStatus"]);
        Assert.Equal($"Stack with id {StackName} does not exist", (await _stacks.ErrorAsync("cloudformation", "DescribeStacks", new JsonObject { ["StackName"] = StackName })).Message);
        Assert.Equal("NoSuchBucket", (await _stacks.ErrorAsync("s3", "GetBucketVersioning", new JsonObject { ["Bucket"] = ids["TrailBucket"] })).Code);
        Assert.Equal("TrailNotFoundException", (await _stacks.ErrorAsync("cloudtrail", "GetTrail", new JsonObject { ["Name"] = ids["Trail"] })).Code);
        Assert.Equal("NotFound", (await _stacks.ErrorAsync("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = ids["Alerts"] })).Code);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", (await _stacks.ErrorAsync("sqs", "GetQueueUrl", new JsonObject { ["QueueName"] = $"sample-inbox-{_suffix}" })).Code);
        Assert.Equal("ResourceNotFoundException", (await _stacks.ErrorAsync("events", "DescribeRule", new JsonObject { ["Name"] = ids["StoppedLogging"] })).Code);
        Assert.Equal("ResourceNotFoundException", (await _stacks.ErrorAsync("dynamodb", "DescribeTable", new JsonObject { ["TableName"] = ids["Incidents"] })).Code);
        Assert.Empty((JsonArray)(await _stacks.Call("logs", "DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = $"/sample/{_suffix}/" }))["logGroups"]!);
        Assert.Equal("NoSuchEntity", (await _stacks.ErrorAsync("iam", "GetRole", new JsonObject { ["RoleName"] = ids["ResponderRole"] })).Code);
        Assert.Equal("NoSuchEntity", (await _stacks.ErrorAsync("iam", "GetPolicy", new JsonObject { ["PolicyArn"] = ids["NotifyPolicy"] })).Code);
        Assert.DoesNotContain((JsonArray)(await _stacks.Call("cloudformation", "ListExports"))["Exports"]!, e => ((string)e!["Name"]!).StartsWith(StackName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resource_calls_are_recorded_as_the_caller_invoked_by_cloudformation()
    {
        await DeployAsync(Template());
        var table = $"sample-incidents-{_suffix}";

        var history = await _stacks.Call("cloudtrail", "LookupEvents", new JsonObject
        {
            ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = "ResourceName", ["AttributeValue"] = table }),
        });

        var record = ((JsonArray)history["Events"]!).Select(e => JsonNode.Parse((string)e!["CloudTrailEvent"]!)!).Single(r => (string?)r["eventName"] == "CreateTable");
        Assert.Equal("arn:aws:iam::000000000000:root", (string?)record["userIdentity"]!["arn"]);
        Assert.Equal("cloudformation.amazonaws.com", (string?)record["userIdentity"]!["invokedBy"]);
        Assert.Equal("cloudformation.amazonaws.com", (string?)record["sourceIPAddress"]);
        Assert.Equal("cloudformation.amazonaws.com", (string?)record["userAgent"]);
    }

    public void Dispose() => _stacks.Dispose();
}
