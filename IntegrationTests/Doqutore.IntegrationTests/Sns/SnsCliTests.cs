using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>
/// SNS end to end with Debian's AWS CLI: a topic fanning out to an SQS queue whose policy admits
/// sns.amazonaws.com for that topic only (aws:SourceArn), raw delivery, an email subscription confirmed through
/// its SubscribeURL with a notification in the outbox, and an undeliverable message in the subscription's DLQ.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsCliTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsCli _aws = new(emulator);
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [SkippableFact]
    public async Task A_message_published_with_the_CLI_reaches_a_subscribed_queue_as_the_notification_JSON()
    {
        ExternalTool.RequireAwsCli();
        var topic = (string)_aws.Json("sns", "create-topic", "--name", AwsCli.Unique("cli-topic"))["TopicArn"]!;
        var (queueUrl, queueArn) = QueueFor(topic);
        _aws.Json("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn);

        var published = _aws.Json("sns", "publish", "--topic-arn", topic, "--subject", "Logging stopped", "--message", "CloudTrail logging was stopped <now>",
            "--message-attributes", """{"severity":{"DataType":"String","StringValue":"high"},"count":{"DataType":"Number","StringValue":"3"}}""");

        var body = JsonNode.Parse((string)Receive(queueUrl)["Body"]!)!.AsObject();
        Assert.Equal(
            ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"],
            body.Select(p => p.Key));
        Assert.Equal(
            ("Notification", (string?)published["MessageId"], topic, "Logging stopped", "CloudTrail logging was stopped <now>", "1"),
            ((string?)body["Type"], (string?)body["MessageId"], (string?)body["TopicArn"], (string?)body["Subject"], (string?)body["Message"], (string?)body["SignatureVersion"]));
        Assert.Equal("""{"severity":{"Type":"String","Value":"high"},"count":{"Type":"Number","Value":"3"}}""", body["MessageAttributes"]!.ToJsonString());
        Assert.True(await _sns.SignatureVerifies(body));
    }

    [SkippableFact]
    public void With_raw_delivery_the_queue_gets_the_bare_message_and_the_attributes_as_SQS_attributes()
    {
        ExternalTool.RequireAwsCli();
        var topic = (string)_aws.Json("sns", "create-topic", "--name", AwsCli.Unique("cli-raw"))["TopicArn"]!;
        var (queueUrl, queueArn) = QueueFor(topic);
        _aws.Json("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn, "--attributes", """{"RawMessageDelivery":"true"}""");

        _aws.Json("sns", "publish", "--topic-arn", topic, "--message", "bare body", "--message-attributes", """{"severity":{"DataType":"String","StringValue":"high"}}""");

        var message = Receive(queueUrl);
        Assert.Equal("bare body", (string?)message["Body"]);
        Assert.Equal(("String", "high"), ((string?)message["MessageAttributes"]!["severity"]!["DataType"], (string?)message["MessageAttributes"]!["severity"]!["StringValue"]));
    }

    [SkippableFact]
    public async Task An_email_subscription_is_confirmed_through_its_SubscribeURL_and_its_notification_lands_in_the_outbox()
    {
        ExternalTool.RequireAwsCli();
        var topic = (string)_aws.Json("sns", "create-topic", "--name", AwsCli.Unique("cli-mail"))["TopicArn"]!;
        var email = SnsHarness.UniqueEmail();

        var subscribed = _aws.Json("sns", "subscribe", "--topic-arn", topic, "--protocol", "email", "--notification-endpoint", email);
        var confirmation = (await _sns.WaitForMails(email, 1))[0];
        using (var response = await _sns.Http.GetAsync(new Uri(SnsHarness.SubscribeUrlOf((string)confirmation["body"]!))))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        _aws.Json("sns", "publish", "--topic-arn", topic, "--subject", "Incident", "--message", "A responder acted.");

        Assert.Equal("pending confirmation", (string?)subscribed["SubscriptionArn"]);
        var listed = _aws.Json("sns", "list-subscriptions-by-topic", "--topic-arn", topic)["Subscriptions"]![0]!;
        Assert.StartsWith(topic + ":", (string)listed["SubscriptionArn"]!, StringComparison.Ordinal);
        var mail = (await _sns.WaitForMails(email, 2))[1];
        Assert.Equal("Incident", (string?)mail["subject"]);
        Assert.StartsWith("A responder acted.", (string)mail["body"]!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_message_the_queue_policy_refuses_lands_in_the_subscription_dead_letter_queue()
    {
        ExternalTool.RequireAwsCli();
        var topic = (string)_aws.Json("sns", "create-topic", "--name", AwsCli.Unique("cli-dlq"))["TopicArn"]!;
        var closedArn = QueueArn(_aws.Json("sqs", "create-queue", "--queue-name", AwsCli.Unique("closed"))["QueueUrl"]!.ToString());
        var (dlqUrl, dlqArn) = QueueFor(topic);
        _aws.Json("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", closedArn,
            "--attributes", new JsonObject { ["RedrivePolicy"] = new JsonObject { ["deadLetterTargetArn"] = dlqArn }.ToJsonString() }.ToJsonString());

        var published = _aws.Json("sns", "publish", "--topic-arn", topic, "--message", "undeliverable");

        var message = Receive(dlqUrl);
        var body = JsonNode.Parse((string)message["Body"]!)!;
        Assert.Equal(((string?)published["MessageId"], "undeliverable"), ((string?)body["MessageId"], (string?)body["Message"]));
        Assert.Equal("NO_PERMISSIONS", (string?)message["MessageAttributes"]!["ErrorCode"]!["StringValue"]);
    }

    /// <summary>A queue whose policy lets sns.amazonaws.com send to it for <paramref name="topicArn"/> only.</summary>
    private (string Url, string Arn) QueueFor(string topicArn)
    {
        var url = (string)_aws.Json("sqs", "create-queue", "--queue-name", AwsCli.Unique("cli-q"))["QueueUrl"]!;
        var arn = QueueArn(url);
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "sns.amazonaws.com" },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = arn,
                ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = topicArn } },
            }),
        };
        _aws.Ok("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", new JsonObject { ["Policy"] = policy.ToJsonString() }.ToJsonString());
        return (url, arn);
    }

    private string QueueArn(string url) =>
        (string)_aws.Json("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn")["Attributes"]!["QueueArn"]!;

    private JsonNode Receive(string queueUrl)
    {
        var received = _aws.Json("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "10", "--message-attribute-names", "All");
        var messages = received["Messages"]?.AsArray();
        Assert.True(messages is { Count: 1 }, $"expected one message in {queueUrl}, got {received.ToJsonString()}");
        return messages[0]!;
    }
}
