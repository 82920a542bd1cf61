using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>Subscribe's validation and the subscription attributes, through the spec client.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsSubscriptionTests(EmulatorFixture emulator) : IDisposable
{
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [Fact]
    public async Task An_unknown_protocol_is_InvalidParameter()
    {
        var topic = await _sns.CreateTopic();

        var error = await _sns.Refused("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "pigeon", ["Endpoint"] = "x" });

        Assert.Equal(("InvalidParameter", 400, "Invalid parameter: Amazon SNS does not support this protocol string: pigeon"), (error.Code, error.StatusCode, error.Message));
    }

    [Theory]
    [InlineData("sqs", "https://sqs.us-east-1.amazonaws.com/000000000000/q", "Invalid parameter: SQS endpoint ARN")]
    [InlineData("lambda", "arn:aws:sqs:us-east-1:000000000000:q", "Invalid parameter: Lambda endpoint ARN")]
    [InlineData("email", "nobody", "Invalid parameter: Email address")]
    public async Task An_endpoint_that_does_not_suit_the_protocol_is_InvalidParameter(string protocol, string endpoint, string message)
    {
        var topic = await _sns.CreateTopic();

        var error = await _sns.Refused("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = protocol, ["Endpoint"] = endpoint });

        Assert.Equal(("InvalidParameter", message), (error.Code, error.Message));
    }

    [Fact]
    public async Task Subscribing_to_a_missing_topic_is_NotFound()
    {
        var error = await _sns.Refused("Subscribe", new() { ["TopicArn"] = "arn:aws:sns:us-east-1:000000000000:" + SnsHarness.Unique("none"), ["Protocol"] = "email", ["Endpoint"] = "a@example.com" });

        Assert.Equal(("NotFound", "Topic does not exist"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_queue_of_the_same_account_is_confirmed_at_once()
    {
        var topic = await _sns.CreateTopic();

        var subscribed = await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "sqs", ["Endpoint"] = "arn:aws:sqs:us-east-1:000000000000:" + SnsHarness.Unique("q") });

        var arn = (string)subscribed["SubscriptionArn"]!;
        Assert.StartsWith(topic + ":", arn, StringComparison.Ordinal);
        var attributes = (await _sns.Call("GetSubscriptionAttributes", new() { ["SubscriptionArn"] = arn }))["Attributes"]!;
        Assert.Equal(("false", "false", "sqs"), ((string?)attributes["PendingConfirmation"], (string?)attributes["RawMessageDelivery"], (string?)attributes["Protocol"]));
    }

    [Fact]
    public async Task Subscribing_the_same_endpoint_twice_answers_the_same_subscription()
    {
        var topic = await _sns.CreateTopic();
        var input = new JsonObject { ["TopicArn"] = topic, ["Protocol"] = "lambda", ["Endpoint"] = "arn:aws:lambda:us-east-1:000000000000:function:f" };

        var first = await _sns.Call("Subscribe", input.DeepClone().AsObject());
        var second = await _sns.Call("Subscribe", input.DeepClone().AsObject());

        Assert.Equal((string?)first["SubscriptionArn"], (string?)second["SubscriptionArn"]);
    }

    [Fact]
    public async Task ReturnSubscriptionArn_answers_the_arn_of_a_pending_subscription()
    {
        var topic = await _sns.CreateTopic();

        var subscribed = await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "email", ["Endpoint"] = SnsHarness.UniqueEmail(), ["ReturnSubscriptionArn"] = true });

        var arn = (string)subscribed["SubscriptionArn"]!;
        Assert.StartsWith(topic + ":", arn, StringComparison.Ordinal);
        var attributes = (await _sns.Call("GetSubscriptionAttributes", new() { ["SubscriptionArn"] = arn }))["Attributes"]!;
        Assert.Equal("true", (string?)attributes["PendingConfirmation"]);
    }

    [Fact]
    public async Task ListSubscriptions_shows_the_accounts_subscriptions()
    {
        var topic = await _sns.CreateTopic();
        var queue = "arn:aws:sqs:us-east-1:000000000000:" + SnsHarness.Unique("q");
        var arn = (string)(await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "sqs", ["Endpoint"] = queue }))["SubscriptionArn"]!;

        var all = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = await _sns.Call("ListSubscriptions", token is null ? [] : new JsonObject { ["NextToken"] = token });
            all.AddRange(page["Subscriptions"]!.AsArray()!);
            token = (string?)page["NextToken"];
        }
        while (token is not null);

        var mine = all.Single(s => (string?)s["SubscriptionArn"] == arn);
        Assert.Equal((topic, queue, "000000000000"), ((string?)mine["TopicArn"], (string?)mine["Endpoint"], (string?)mine["Owner"]));
    }

    [Fact]
    public async Task RawMessageDelivery_is_refused_for_email()
    {
        var topic = await _sns.CreateTopic();

        var error = await _sns.Refused("Subscribe", new()
        {
            ["TopicArn"] = topic,
            ["Protocol"] = "email",
            ["Endpoint"] = SnsHarness.UniqueEmail(),
            ["Attributes"] = new JsonObject { ["RawMessageDelivery"] = "true" },
        });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Delivery protocol [email] does not support raw message delivery."), (error.Code, error.Message));
    }

    [Fact]
    public async Task An_unknown_FilterPolicyScope_is_InvalidParameter()
    {
        var subscription = await QueueSubscription();

        var error = await _sns.Refused("SetSubscriptionAttributes", new() { ["SubscriptionArn"] = subscription, ["AttributeName"] = "FilterPolicyScope", ["AttributeValue"] = "Headers" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Headers]. Please use either MessageBody or MessageAttributes"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Subscription_attributes_are_set_and_read_back()
    {
        var subscription = await QueueSubscription();
        const string Policy = "{\"severity\":[\"high\"]}";

        await _sns.Call("SetSubscriptionAttributes", new() { ["SubscriptionArn"] = subscription, ["AttributeName"] = "RawMessageDelivery", ["AttributeValue"] = "true" });
        await _sns.Call("SetSubscriptionAttributes", new() { ["SubscriptionArn"] = subscription, ["AttributeName"] = "FilterPolicy", ["AttributeValue"] = Policy });

        var attributes = (await _sns.Call("GetSubscriptionAttributes", new() { ["SubscriptionArn"] = subscription }))["Attributes"]!;
        Assert.Equal(("true", Policy, "MessageAttributes"), ((string?)attributes["RawMessageDelivery"], (string?)attributes["FilterPolicy"], (string?)attributes["FilterPolicyScope"]));
    }

    [Fact]
    public async Task A_RedrivePolicy_must_name_an_SQS_queue()
    {
        var subscription = await QueueSubscription();

        var error = await _sns.Refused("SetSubscriptionAttributes", new() { ["SubscriptionArn"] = subscription, ["AttributeName"] = "RedrivePolicy", ["AttributeValue"] = "{\"deadLetterTargetArn\":\"arn:aws:sns:us-east-1:000000000000:t\"}" });

        Assert.Equal("InvalidParameter", error.Code);
        Assert.StartsWith("Invalid parameter: RedrivePolicy: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_subscription_arn_is_InvalidParameter()
    {
        var error = await _sns.Refused("Unsubscribe", new() { ["SubscriptionArn"] = "arn:aws:sns:us-east-1:000000000000:topic" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: SubscriptionArn"), (error.Code, error.Message));
    }

    private async Task<string> QueueSubscription()
    {
        var topic = await _sns.CreateTopic();
        return (string)(await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "sqs", ["Endpoint"] = "arn:aws:sqs:us-east-1:000000000000:" + SnsHarness.Unique("q") }))["SubscriptionArn"]!;
    }
}
