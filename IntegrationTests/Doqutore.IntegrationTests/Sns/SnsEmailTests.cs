using System.Net;
using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>Email and email-json subscriptions: confirmation through the outbox, notifications, signatures.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsEmailTests(EmulatorFixture emulator) : IDisposable
{
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [Fact]
    public async Task An_email_subscription_is_pending_and_its_confirmation_mail_lands_in_the_outbox()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();

        var subscribed = await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "email", ["Endpoint"] = email });

        Assert.Equal("pending confirmation", (string?)subscribed["SubscriptionArn"]);
        var listed = (await _sns.Call("ListSubscriptionsByTopic", new() { ["TopicArn"] = topic }))["Subscriptions"]!.AsArray().Single()!;
        Assert.Equal(("PendingConfirmation", "email", email), ((string?)listed["SubscriptionArn"], (string?)listed["Protocol"], (string?)listed["Endpoint"]));
        var mail = (await _sns.WaitForMails(email, 1))[0];
        Assert.Equal("AWS Notification - Subscription Confirmation", (string?)mail["subject"]);
        Assert.Contains($"/?Action=ConfirmSubscription&TopicArn={Uri.EscapeDataString(topic)}&Token=", (string)mail["body"]!, StringComparison.Ordinal);
        Assert.Equal(topic, (string?)mail["source"]!["topicArn"]);
    }

    [Fact]
    public async Task Fetching_the_SubscribeURL_unsigned_confirms_the_subscription()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "email", ["Endpoint"] = email });
        var mail = (await _sns.WaitForMails(email, 1))[0];

        using var response = await _sns.Http.GetAsync(new Uri(SnsHarness.SubscribeUrlOf((string)mail["body"]!)));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<ConfirmSubscriptionResult><SubscriptionArn>" + topic + ":", body, StringComparison.Ordinal);
        var attributes = await TopicAttributes(topic);
        Assert.Equal(("1", "0"), ((string?)attributes["SubscriptionsConfirmed"], (string?)attributes["SubscriptionsPending"]));
    }

    [Fact]
    public async Task ConfirmSubscription_with_a_wrong_token_is_InvalidParameter()
    {
        var topic = await _sns.CreateTopic();

        var error = await _sns.Refused("ConfirmSubscription", new() { ["TopicArn"] = topic, ["Token"] = "0123" });

        Assert.Equal(("InvalidParameter", 400, "Invalid token"), (error.Code, error.StatusCode, error.Message));
    }

    [Fact]
    public async Task A_confirmed_email_subscription_receives_the_message_with_the_publish_subject()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        var subscription = await _sns.ConfirmedEmail(topic, email);

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Subject"] = "Logging stopped", ["Message"] = "CloudTrail logging was stopped." });

        var mail = (await _sns.WaitForMails(email, 2))[1];
        Assert.Equal("Logging stopped", (string?)mail["subject"]);
        Assert.StartsWith("CloudTrail logging was stopped.", (string)mail["body"]!, StringComparison.Ordinal);
        Assert.Equal("AWS Notifications <no-reply@sns.amazonaws.com>", (string?)mail["from"]);
        Assert.Equal(subscription, (string?)mail["source"]!["subscriptionArn"]);
    }

    [Fact]
    public async Task Without_a_subject_an_email_is_titled_AWS_Notification_Message_and_comes_from_the_display_name()
    {
        var topic = await _sns.CreateTopic();
        await _sns.Call("SetTopicAttributes", new() { ["TopicArn"] = topic, ["AttributeName"] = "DisplayName", ["AttributeValue"] = "Doqutore" });
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email);

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "hello" });

        var mail = (await _sns.WaitForMails(email, 2))[1];
        Assert.Equal(("AWS Notification Message", "Doqutore <no-reply@sns.amazonaws.com>"), ((string?)mail["subject"], (string?)mail["from"]));
    }

    [Fact]
    public async Task An_email_json_subscription_receives_the_notification_JSON()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        var subscription = await _sns.ConfirmedEmail(topic, email, "email-json");

        var published = await _sns.Call("Publish", new()
        {
            ["TopicArn"] = topic,
            ["Message"] = "{\"incident\":1}",
            ["MessageAttributes"] = new JsonObject { ["severity"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "high" } },
        });

        var body = JsonNode.Parse((string)(await _sns.WaitForMails(email, 2))[1]["body"]!)!.AsObject();
        Assert.Equal(
            ["Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"],
            body.Select(p => p.Key));
        Assert.Equal(("Notification", (string?)published["MessageId"], topic, "{\"incident\":1}", "1"), ((string?)body["Type"], (string?)body["MessageId"], (string?)body["TopicArn"], (string?)body["Message"], (string?)body["SignatureVersion"]));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)body["Timestamp"]!);
        Assert.EndsWith("?Action=Unsubscribe&SubscriptionArn=" + Uri.EscapeDataString(subscription), (string)body["UnsubscribeURL"]!, StringComparison.Ordinal);
        Assert.Equal("{\"severity\":{\"Type\":\"String\",\"Value\":\"high\"}}", body["MessageAttributes"]!.ToJsonString());
    }

    [Fact]
    public async Task The_notification_signature_verifies_with_the_served_certificate()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email, "email-json");

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Subject"] = "signed", ["Message"] = "verify me" });

        var body = JsonNode.Parse((string)(await _sns.WaitForMails(email, 2))[1]["body"]!)!.AsObject();
        Assert.True(await _sns.SignatureVerifies(body));
        body["Message"] = "tampered";
        Assert.False(await _sns.SignatureVerifies(body));
    }

    [Fact]
    public async Task With_SignatureVersion_2_the_signature_is_SHA256withRSA_and_verifies()
    {
        var topic = await _sns.CreateTopic();
        await _sns.Call("SetTopicAttributes", new() { ["TopicArn"] = topic, ["AttributeName"] = "SignatureVersion", ["AttributeValue"] = "2" });
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email, "email-json");

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "v2" });

        var body = JsonNode.Parse((string)(await _sns.WaitForMails(email, 2))[1]["body"]!)!.AsObject();
        Assert.Equal("2", (string?)body["SignatureVersion"]);
        Assert.True(await _sns.SignatureVerifies(body));
    }

    [Fact]
    public async Task The_email_json_confirmation_is_a_signed_SubscriptionConfirmation()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();

        await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "email-json", ["Endpoint"] = email });

        var body = JsonNode.Parse((string)(await _sns.WaitForMails(email, 1))[0]["body"]!)!.AsObject();
        Assert.Equal("SubscriptionConfirmation", (string?)body["Type"]);
        Assert.Equal($"You have chosen to subscribe to the topic {topic}.\nTo confirm the subscription, visit the SubscribeURL included in this message.", (string?)body["Message"]);
        Assert.True(await _sns.SignatureVerifies(body));
    }

    [Fact]
    public async Task A_pending_subscription_receives_nothing()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "email", ["Endpoint"] = email });
        await _sns.WaitForMails(email, 1);

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "not yet" });
        await _sns.Settle();

        Assert.Single(await _sns.Mails(email));
    }

    [Fact]
    public async Task MessageStructure_json_sends_each_protocol_its_own_message()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email);

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["MessageStructure"] = "json", ["Message"] = "{\"default\":\"for all\",\"email\":\"for mail\"}" });

        var mail = (await _sns.WaitForMails(email, 2))[1];
        Assert.StartsWith("for mail\n", (string)mail["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_stops_deliveries()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        var subscription = await _sns.ConfirmedEmail(topic, email);

        await _sns.Call("Unsubscribe", new() { ["SubscriptionArn"] = subscription });
        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "gone" });
        await _sns.Settle();

        Assert.Single(await _sns.Mails(email));
        var error = await _sns.Refused("GetSubscriptionAttributes", new() { ["SubscriptionArn"] = subscription });
        Assert.Equal(("NotFound", "Subscription does not exist"), (error.Code, error.Message));
    }

    [Fact]
    public async Task The_outbox_can_be_cleared()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "email", ["Endpoint"] = email });
        await _sns.WaitForMails(email, 1);

        using var response = await _sns.Http.DeleteAsync(new Uri("/_doqutore/outbox", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(await _sns.Mails(email));
    }

    private async Task<JsonNode> TopicAttributes(string arn) => (await _sns.Call("GetTopicAttributes", new() { ["TopicArn"] = arn }))["Attributes"]!;
}
