using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.Emulator.Delivery;
using Doqutore.IntegrationTests.Infrastructure;
using Doqutore.IntegrationTests.Sqs;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>
/// Failed deliveries and service publishers: what cannot be delivered goes to the subscription's DLQ or is
/// counted as dropped, never lost silently; other services publish only where the topic policy lets them.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsDeliveryTests(EmulatorFixture emulator) : IDisposable
{
    private readonly SnsHarness _sns = new(emulator);
    private readonly AmazonSQSClient _sqs = SqsSdk.Client(emulator);

    public void Dispose()
    {
        _sns.Dispose();
        _sqs.Dispose();
    }

    [Fact]
    public async Task A_message_for_a_missing_function_lands_in_the_dead_letter_queue_with_NO_RESOURCE()
    {
        var topic = await _sns.CreateTopic();
        var (dlqUrl, dlqArn) = await QueueAllowing(topic);
        await _sns.Call("Subscribe", new()
        {
            ["TopicArn"] = topic,
            ["Protocol"] = "lambda",
            ["Endpoint"] = "arn:aws:lambda:us-east-1:000000000000:function:" + SnsHarness.Unique("gone"),
            ["Attributes"] = new JsonObject { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}"}""" },
        });

        var published = await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "for a function" });

        var message = await ReceiveOne(dlqUrl);
        Assert.Equal((string?)published["MessageId"], (string?)JsonNode.Parse(message.Body)!["MessageId"]);
        Assert.Equal("NO_RESOURCE", message.MessageAttributes["ErrorCode"].StringValue);
    }

    [Fact]
    public async Task A_message_for_a_deleted_queue_lands_in_the_dead_letter_queue()
    {
        var topic = await _sns.CreateTopic();
        var (goneUrl, goneArn) = await QueueAllowing(topic);
        var (dlqUrl, dlqArn) = await QueueAllowing(topic);
        await _sns.Call("Subscribe", new()
        {
            ["TopicArn"] = topic,
            ["Protocol"] = "sqs",
            ["Endpoint"] = goneArn,
            ["Attributes"] = new JsonObject { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}"}""", ["RawMessageDelivery"] = "true" },
        });
        await _sqs.DeleteQueueAsync(goneUrl);

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "nowhere to go" });

        var message = await ReceiveOne(dlqUrl);
        Assert.Equal("nowhere to go", message.Body);
        Assert.Equal("NO_RESOURCE", message.MessageAttributes["ErrorCode"].StringValue);
    }

    [Fact]
    public async Task An_undeliverable_message_without_a_dead_letter_queue_is_counted_as_dropped()
    {
        var topic = await _sns.CreateTopic();
        await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "sqs", ["Endpoint"] = "arn:aws:sqs:us-east-1:000000000000:" + SnsHarness.Unique("none") });
        var before = await Dropped();

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "lost" });
        await _sns.Settle();

        Assert.Equal(before + 1, await Dropped());
    }

    [Fact]
    public async Task A_service_publishes_only_when_the_topic_policy_allows_it_for_its_source()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email);
        var publisher = emulator.Services.GetRequiredService<ITopicPublisher>();
        var rule = "arn:aws:events:us-east-1:000000000000:rule/" + SnsHarness.Unique("rule");
        var caller = new ServiceCaller("events.amazonaws.com", rule, "000000000000");

        var refused = await Assert.ThrowsAsync<DeliveryFailure>(() => publisher.PublishAsync(caller, topic, new TopicMessage("{\"detail\":1}")));
        await _sns.Call("SetTopicAttributes", new() { ["TopicArn"] = topic, ["AttributeName"] = "Policy", ["AttributeValue"] = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"sns:Publish","Resource":"{{{{topic}}}}",
              "Condition":{"ArnEquals":{"aws:SourceArn":"{{{{rule}}}}"}}}]}
            """ });
        var messageId = await publisher.PublishAsync(caller, topic, new TopicMessage("{\"detail\":1}", "From a rule"));
        var other = await Assert.ThrowsAsync<DeliveryFailure>(() => publisher.PublishAsync(caller with { SourceArn = rule + "-other" }, topic, new TopicMessage("x")));

        Assert.Equal("NO_PERMISSIONS", refused.Code);
        Assert.Equal("NO_PERMISSIONS", other.Code);
        var mail = (await _sns.WaitForMails(email, 2))[1];
        Assert.Equal(("From a rule", messageId), ((string?)mail["subject"], (string?)mail["source"]!["messageId"]));
    }

    [Fact]
    public async Task A_service_publishing_to_a_missing_topic_gets_NO_RESOURCE()
    {
        var publisher = emulator.Services.GetRequiredService<ITopicPublisher>();

        var error = await Assert.ThrowsAsync<DeliveryFailure>(() => publisher.PublishAsync(
            new ServiceCaller("events.amazonaws.com", "arn:aws:events:us-east-1:000000000000:rule/r", "000000000000"),
            "arn:aws:sns:us-east-1:000000000000:" + SnsHarness.Unique("none"),
            new TopicMessage("x")));

        Assert.Equal("NO_RESOURCE", error.Code);
    }

    private async Task<long> Dropped() =>
        (long)JsonNode.Parse(await _sns.Http.GetStringAsync(new Uri("/_doqutore/sns/deliveries", UriKind.Relative)))!["dropped"]!;

    private async Task<(string Url, string Arn)> QueueAllowing(string topicArn)
    {
        var url = (await _sqs.CreateQueueAsync(SnsHarness.Unique("q"))).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        var policy = $$$$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"{{{{arn}}}}",
              "Condition":{"ArnEquals":{"aws:SourceArn":"{{{{topicArn}}}}"}}}]}
            """;
        await _sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { ["Policy"] = policy });
        return (url, arn);
    }

    private async Task<Message> ReceiveOne(string queueUrl)
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 10, MessageAttributeNames = ["All"] });
        Assert.Single(received.Messages ?? []);
        return received.Messages![0];
    }
}
