using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>
/// SNS through boto3, in one Python process per class: topic → SQS subscription (queue policy for
/// sns.amazonaws.com with aws:SourceArn) → the notification JSON in the queue; the raw delivery variant; an
/// email subscription confirmed by fetching its SubscribeURL, then its notification in the outbox.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        sns = boto3.client("sns", endpoint_url=url, config=cfg)
        sqs = boto3.client("sqs", endpoint_url=url, config=cfg)

        def queue_for(topic, name):
            q = sqs.create_queue(QueueName=name)["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
                      "Action": "sqs:SendMessage", "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic}}}]}
            sqs.set_queue_attributes(QueueUrl=q, Attributes={"Policy": json.dumps(policy)})
            return q, arn

        def receive(q):
            r = sqs.receive_message(QueueUrl=q, WaitTimeSeconds=10, MessageAttributeNames=["All"])
            return r.get("Messages", [])

        topic = sns.create_topic(Name=f"boto-{run}")["TopicArn"]
        q, arn = queue_for(topic, f"boto-q-{run}")
        sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)["SubscriptionArn"]
        mid = sns.publish(TopicArn=topic, Message="hello from boto3", Subject="boto",
                          MessageAttributes={"tags": {"DataType": "String.Array", "StringValue": "[\"a\",\"b\"]"}})["MessageId"]
        msgs = receive(q)
        out["sqs"] = {"topic": topic, "subscription": sub, "messageId": mid, "bodies": [m["Body"] for m in msgs]}

        raw_topic = sns.create_topic(Name=f"boto-raw-{run}")["TopicArn"]
        rq, rarn = queue_for(raw_topic, f"boto-raw-q-{run}")
        sns.subscribe(TopicArn=raw_topic, Protocol="sqs", Endpoint=rarn, Attributes={"RawMessageDelivery": "true"})
        sns.publish(TopicArn=raw_topic, Message="raw body", MessageAttributes={"n": {"DataType": "Number", "StringValue": "42"}})
        raw = receive(rq)
        out["raw"] = {"bodies": [m["Body"] for m in raw], "attributes": [m.get("MessageAttributes", {}) for m in raw]}

        mail_topic = sns.create_topic(Name=f"boto-mail-{run}")["TopicArn"]
        to = f"boto-{run}@example.com"
        pending = sns.subscribe(TopicArn=mail_topic, Protocol="email", Endpoint=to)["SubscriptionArn"]
        def mails():
            return [m for m in json.load(urllib.request.urlopen(url + "/_doqutore/outbox")) if m["to"] == to]
        deadline = time.time() + 10
        while not mails() and time.time() < deadline:
            time.sleep(0.05)
        body = mails()[0]["body"]
        link = next(line for line in body.splitlines() if line.startswith("http"))
        urllib.request.urlopen(link).read()
        sns.publish(TopicArn=mail_topic, Message="mail from boto3", Subject="boto mail")
        deadline = time.time() + 10
        while len(mails()) < 2 and time.time() < deadline:
            time.sleep(0.05)
        subs = sns.list_subscriptions_by_topic(TopicArn=mail_topic)["Subscriptions"]
        out["email"] = {"pending": pending, "listed": subs[0]["SubscriptionArn"], "mails": mails()}
        """);

    private JsonObject Outcome => Scenario.Outcome(emulator);

    [SkippableFact]
    public void The_queue_holds_the_notification_JSON_of_the_published_message()
    {
        var sqs = Outcome["sqs"]!;

        var body = JsonNode.Parse((string)sqs["bodies"]!.AsArray().Single()!)!;

        Assert.Equal(("Notification", (string?)sqs["messageId"], (string?)sqs["topic"], "boto", "hello from boto3"),
            ((string?)body["Type"], (string?)body["MessageId"], (string?)body["TopicArn"], (string?)body["Subject"], (string?)body["Message"]));
        Assert.Equal(("String.Array", """["a","b"]"""), ((string?)body["MessageAttributes"]!["tags"]!["Type"], (string?)body["MessageAttributes"]!["tags"]!["Value"]));
        Assert.EndsWith("SubscriptionArn=" + Uri.EscapeDataString((string)sqs["subscription"]!), (string)body["UnsubscribeURL"]!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Raw_delivery_puts_the_bare_message_and_its_attributes_on_the_queue()
    {
        var raw = Outcome["raw"]!;

        Assert.Equal("raw body", (string?)raw["bodies"]!.AsArray().Single());
        Assert.Equal("""{"n":{"StringValue":"42","DataType":"Number"}}""", raw["attributes"]![0]!.ToJsonString());
    }

    [SkippableFact]
    public void The_email_subscription_confirmed_by_its_link_receives_the_notification_in_the_outbox()
    {
        var email = Outcome["email"]!;

        var mails = email["mails"]!.AsArray();
        Assert.Equal("pending confirmation", (string?)email["pending"]);
        Assert.NotEqual("PendingConfirmation", (string?)email["listed"]);
        Assert.Equal(2, mails.Count);
        Assert.Equal("boto mail", (string?)mails[1]!["subject"]);
        Assert.StartsWith("mail from boto3", (string)mails[1]!["body"]!, StringComparison.Ordinal);
    }
}
