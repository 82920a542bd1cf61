using System.Text.Json.Nodes;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Infrastructure;
using Doqutore.IntegrationTests.Recording;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>
/// The path with the real EventBridge and SQS: a rule on StopLogging with an SQS target whose queue policy
/// admits events.amazonaws.com for that rule only (aws:SourceArn); an IAM user stops logging; the queue holds the
/// whole event. Through Debian's AWS CLI, and read-only events through the spec client.
/// </summary>
public sealed class CloudTrailToEventBridgeTests(CloudTrailEmulatorFixture emulator) : IClassFixture<CloudTrailEmulatorFixture>
{
    private readonly AwsCli _cli = new(emulator);

    private JsonNode Json(string region, params string[] args) => _cli.Json([.. args, "--region", region]);

    private static string QueuePolicy(string queueArn, string ruleArn) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
            ["Action"] = "sqs:SendMessage",
            ["Resource"] = queueArn,
            ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = ruleArn } },
        }),
    }.ToJsonString();

    /// <summary>A queue that a new rule with <paramref name="pattern"/> targets; returns the queue URL.</summary>
    private string RuleToQueue(string region, string name, string pattern, string state = "ENABLED")
    {
        var queueUrl = (string)Json(region, "sqs", "create-queue", "--queue-name", name)["QueueUrl"]!;
        var queueArn = (string)Json(region, "sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names", "QueueArn")["Attributes"]!["QueueArn"]!;
        var ruleArn = (string)Json(region, "events", "put-rule", "--name", name, "--event-pattern", pattern, "--state", state)["RuleArn"]!;
        var attributes = new JsonObject { ["Policy"] = QueuePolicy(queueArn, ruleArn) }.ToJsonString();
        _cli.Ok("sqs", "set-queue-attributes", "--queue-url", queueUrl, "--attributes", attributes, "--region", region);
        Json(region, "events", "put-targets", "--rule", name, "--targets", $"Id=queue,Arn={queueArn}");
        return queueUrl;
    }

    /// <summary>The queue's messages; the CLI prints nothing at all when there are none.</summary>
    private JsonArray Receive(string region, string queueUrl)
    {
        var result = _cli.Run("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "2", "--max-number-of-messages", "10", "--region", region, "--output", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return string.IsNullOrWhiteSpace(result.Stdout) ? [] : JsonNode.Parse(result.Stdout)!["Messages"] as JsonArray ?? [];
    }

    [SkippableFact]
    public void An_IAM_users_StopLogging_lands_in_the_rules_queue_as_the_whole_event()
    {
        ExternalTool.RequireAwsCli();
        const string region = "us-east-2";
        var pattern = """{"source":["aws.cloudtrail"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["cloudtrail.amazonaws.com"],"eventName":["StopLogging"]}}""";
        var queueUrl = RuleToQueue(region, "stop-logging", pattern);
        var trailArn = (string)Json(region, "cloudtrail", "create-trail", "--name", "management", "--s3-bucket-name", CloudTrailEmulatorFixture.LogBucket, "--is-multi-region-trail")["TrailARN"]!;
        _cli.Ok("cloudtrail", "start-logging", "--name", "management", "--region", region);

        var user = AwsCli.Unique("intruder");
        Json(region, "iam", "create-user", "--user-name", user);
        _cli.Ok("iam", "put-user-policy", "--user-name", user, "--policy-name", "stop-only", "--policy-document",
            $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudtrail:StopLogging","Resource":"{{trailArn}}"}]}""");
        var key = Json(region, "iam", "create-access-key", "--user-name", user)["AccessKey"]!;
        _cli.As((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!).Ok("cloudtrail", "stop-logging", "--name", "management", "--region", region);

        var message = (JsonObject)Assert.Single(Receive(region, queueUrl))!;
        var envelope = JsonNode.Parse((string)message["Body"]!)!.AsObject();
        Assert.Equal(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"], envelope.Select(p => p.Key));
        Assert.Equal(("aws.cloudtrail", "AWS API Call via CloudTrail", region), ((string?)envelope["source"], (string?)envelope["detail-type"], (string?)envelope["region"]));
        var detail = envelope["detail"]!;
        Assert.Equal(("StopLogging", "IAMUser", user), ((string?)detail["eventName"], (string?)detail["userIdentity"]!["type"], (string?)detail["userIdentity"]!["userName"]));
        Assert.Equal("management", (string?)detail["requestParameters"]!["name"]);
        Assert.Empty(CloudTrailRecordSchema.Violations(detail));
        Assert.False((bool)Json(region, "cloudtrail", "get-trail-status", "--name", "management")["IsLogging"]!);
    }

    [SkippableFact]
    public void Without_a_logging_trail_the_rule_gets_nothing()
    {
        ExternalTool.RequireAwsCli();
        const string region = "us-west-1";
        var pattern = """{"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging"]}}""";
        var queueUrl = RuleToQueue(region, "quiet", pattern);
        Json(region, "cloudtrail", "create-trail", "--name", "idle", "--s3-bucket-name", CloudTrailEmulatorFixture.LogBucket);

        _cli.Ok("cloudtrail", "stop-logging", "--name", "idle", "--region", region);

        Assert.Empty(Receive(region, queueUrl));
    }

    [Fact]
    public async Task Read_only_events_reach_only_the_rule_that_opts_in()
    {
        const string region = "eu-west-2";
        using var client = new AwsClient(ServiceModels.Get("cloudtrail"), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = region,
            Credentials = SdkClients.Root,
            MaxErrorRetry = 0,
        });
        using var events = new AwsClient(ServiceModels.Get("events"), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = region,
            Credentials = SdkClients.Root,
            MaxErrorRetry = 0,
        });
        var pattern = """{"source":["aws.cloudtrail"],"detail":{"eventName":["GetTrailStatus"]}}""";
        var plain = (string)(await events.InvokeAsync("PutRule", new JsonObject { ["Name"] = "plain", ["EventPattern"] = pattern }))["RuleArn"]!;
        var optIn = (string)(await events.InvokeAsync("PutRule", new JsonObject { ["Name"] = "opt-in", ["EventPattern"] = pattern, ["State"] = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" }))["RuleArn"]!;
        await client.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = "reads", ["S3BucketName"] = CloudTrailEmulatorFixture.LogBucket });
        await client.InvokeAsync("StartLogging", new JsonObject { ["Name"] = "reads" });

        await client.InvokeAsync("GetTrailStatus", new JsonObject { ["Name"] = "reads" });

        using var http = new HttpClient();
        var log = JsonNode.Parse(await http.GetStringAsync(new Uri(emulator.Endpoint, "/_doqutore/events")))!;
        var matched = log["events"]!.AsArray()
            .Where(e => (string?)e!["event"]?["detail"]?["eventName"] == "GetTrailStatus" && (string?)e["event"]?["region"] == region)
            .SelectMany(e => e!["matchedRules"] as JsonArray ?? [])
            .Select(r => (string?)r)
            .ToArray();
        Assert.Contains(optIn, matched);
        Assert.DoesNotContain(plain, matched);
    }
}
