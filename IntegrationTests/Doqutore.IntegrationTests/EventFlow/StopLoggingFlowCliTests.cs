using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;
using Doqutore.IntegrationTests.Sns;

namespace Doqutore.IntegrationTests.EventFlow;

/// <summary>
/// The end-to-end must-show with Debian's AWS CLI: root sets up a logging trail, a rule on
/// StopLogging with an SQS target (queue policy for events.amazonaws.com conditioned on aws:SourceArn) and an
/// SNS target whose topic has a confirmed email subscription; an IAM user allowed nothing but
/// cloudtrail:StopLogging stops logging; the queue holds the full CloudTrail event and the outbox the mail.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class StopLoggingFlowCliTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsCli _root = new(emulator);
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [SkippableFact]
    public async Task An_IAM_user_stopping_logging_reaches_the_queue_as_the_full_CloudTrail_event_and_the_mailbox_as_a_notification()
    {
        ExternalTool.RequireAwsCli();
        var trail = AwsCli.Unique("flow-trail");
        var bucket = await CloudTrailBuckets.NewAsync(emulator, CloudTrailBuckets.TrailArn(trail), "flow-logs");
        var trailArn = (string)_root.Json("cloudtrail", "create-trail", "--name", trail, "--s3-bucket-name", bucket, "--is-multi-region-trail")["TrailARN"]!;
        _root.Ok("cloudtrail", "start-logging", "--name", trail);

        var rule = AwsCli.Unique("flow-rule");
        var pattern = new JsonObject
        {
            ["source"] = new JsonArray("aws.cloudtrail"),
            ["detail-type"] = new JsonArray("AWS API Call via CloudTrail"),
            ["detail"] = new JsonObject
            {
                ["eventSource"] = new JsonArray("cloudtrail.amazonaws.com"),
                ["eventName"] = new JsonArray("StopLogging"),
                ["requestParameters"] = new JsonObject { ["name"] = new JsonArray(trail, trailArn) },
            },
        };
        var ruleArn = (string)_root.Json("events", "put-rule", "--name", rule, "--event-pattern", pattern.ToJsonString())["RuleArn"]!;
        var (queueUrl, queueArn) = QueueFor(ruleArn);
        var topic = (string)_root.Json("sns", "create-topic", "--name", AwsCli.Unique("flow-alerts"))["TopicArn"]!;
        _root.Ok("sns", "set-topic-attributes", "--topic-arn", topic, "--attribute-name", "Policy", "--attribute-value", AllowEvents("sns:Publish", topic, ruleArn));
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email);
        var targets = new JsonArray(new JsonObject { ["Id"] = "queue", ["Arn"] = queueArn }, new JsonObject { ["Id"] = "alerts", ["Arn"] = topic });
        Assert.Equal(0, (int)_root.Json("events", "put-targets", "--rule", rule, "--targets", targets.ToJsonString())["FailedEntryCount"]!);

        var (user, intruder, keyId) = UserAllowedOnly("cloudtrail:StopLogging", trailArn);
        intruder.Ok("cloudtrail", "stop-logging", "--name", trail);

        var message = Receive(queueUrl);
        var mails = await _sns.WaitForMails(email, 2);
        var status = _root.Json("cloudtrail", "get-trail-status", "--name", trail);

        Assert.False((bool)status["IsLogging"]!);
        var body = JsonNode.Parse((string)message["Body"]!)!;
        Assert.Equal("0", (string?)body["version"]);
        Assert.Equal("AWS API Call via CloudTrail", (string?)body["detail-type"]);
        Assert.Equal("aws.cloudtrail", (string?)body["source"]);
        Assert.Equal(EmulatorFixture.AccountId, (string?)body["account"]);
        Assert.Equal("us-east-1", (string?)body["region"]);
        Assert.Empty(body["resources"]!.AsArray());
        var detail = body["detail"]!;
        Assert.Equal("StopLogging", (string?)detail["eventName"]);
        Assert.Equal("cloudtrail.amazonaws.com", (string?)detail["eventSource"]);
        Assert.Equal(trail, (string?)detail["requestParameters"]!["name"]);
        Assert.Equal("IAMUser", (string?)detail["userIdentity"]!["type"]);
        Assert.Equal(user, (string?)detail["userIdentity"]!["userName"]);
        Assert.Equal(keyId, (string?)detail["userIdentity"]!["accessKeyId"]);
        Assert.StartsWith("aws-cli/", (string?)detail["userAgent"], StringComparison.Ordinal);
        Assert.Empty(Recording.CloudTrailRecordSchema.Violations(detail));
        var mail = mails[1];
        Assert.Contains("\"StopLogging\"", (string)mail["body"]!, StringComparison.Ordinal);
    }

    /// <summary>A user whose only permission is <paramref name="action"/> on <paramref name="resource"/>, with a key of its own.</summary>
    private (string Name, AwsCli Cli, string KeyId) UserAllowedOnly(string action, string resource)
    {
        var name = AwsCli.Unique("intruder");
        _root.Ok("iam", "create-user", "--user-name", name);
        _root.Ok("iam", "put-user-policy", "--user-name", name, "--policy-name", "only", "--policy-document",
            new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource }) }.ToJsonString());
        var key = _root.Json("iam", "create-access-key", "--user-name", name)["AccessKey"]!;
        return (name, _root.As((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!), (string)key["AccessKeyId"]!);
    }

    /// <summary>A queue whose policy lets EventBridge send to it for <paramref name="ruleArn"/> only.</summary>
    private (string Url, string Arn) QueueFor(string ruleArn)
    {
        var url = (string)_root.Json("sqs", "create-queue", "--queue-name", AwsCli.Unique("flow-q"))["QueueUrl"]!;
        var arn = (string)_root.Json("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn")["Attributes"]!["QueueArn"]!;
        _root.Ok("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", new JsonObject { ["Policy"] = AllowEvents("sqs:SendMessage", arn, ruleArn) }.ToJsonString());
        return (url, arn);
    }

    private static string AllowEvents(string action, string resource, string ruleArn) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
            ["Action"] = action,
            ["Resource"] = resource,
            ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = ruleArn } },
        }),
    }.ToJsonString();

    private JsonNode Receive(string queueUrl)
    {
        var received = _root.Json("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "10");
        var messages = received["Messages"]?.AsArray();
        Assert.True(messages is { Count: 1 }, $"expected one message in {queueUrl}, got {received.ToJsonString()}");
        return messages[0]!;
    }
}
