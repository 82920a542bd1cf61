using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>Delivery semantics through AWSSDK.SQS: long polling, visibility timeouts, delays, redrive, FIFO.</summary>
[Collection(EmulatorCollection.Name)]
public class SqsSdkDeliveryTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task A_long_poll_wakes_when_a_message_arrives()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var poll = sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 });
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);
        await sqs.SendMessageAsync(url, "wake up");

        Assert.Equal("wake up", Assert.Single((await poll).Messages).Body);
    }

    [Fact]
    public async Task A_long_poll_on_an_empty_queue_returns_no_messages_when_its_wait_is_over()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 });

        Assert.Empty(response.Messages ?? []);
    }

    [Fact]
    public async Task Many_long_polls_wait_together_without_holding_threads()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        // More pollers than the thread pool's minimum on this machine: blocking waits would starve the sends.
        var polls = Enumerable.Range(0, 40).Select(_ => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 })).ToArray();
        await Task.Delay(300);
        await sqs.SendMessageBatchAsync(url, Enumerable.Range(0, 10).Select(i => new SendMessageBatchRequestEntry($"e{i}", $"m{i}")).ToList());
        for (var i = 0; i < 3; i++)
        {
            await sqs.SendMessageBatchAsync(url, Enumerable.Range(0, 10).Select(j => new SendMessageBatchRequestEntry($"e{j}", $"m{i}-{j}")).ToList());
        }

        var results = await Task.WhenAll(polls);
        Assert.Equal(40, results.Sum(r => r.Messages?.Count ?? 0));
    }

    [Fact]
    public async Task A_received_message_stays_hidden_for_its_visibility_timeout_and_returns_after_it()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);
        await sqs.SendMessageAsync(url, "once");

        var first = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 1 })).Messages);
        var during = await sqs.ReceiveMessageAsync(url);
        var after = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 10, MessageSystemAttributeNames = ["ApproximateReceiveCount"] });

        Assert.Empty(during.Messages ?? []);
        var again = Assert.Single(after.Messages);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.ReceiptHandle, again.ReceiptHandle);
        Assert.Equal("2", again.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task ChangeMessageVisibility_to_zero_makes_a_message_visible_at_once()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);
        await sqs.SendMessageAsync(url, "m");
        var first = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 600 })).Messages);

        await sqs.ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 0);

        Assert.Equal(first.MessageId, Assert.Single((await sqs.ReceiveMessageAsync(url)).Messages).MessageId);
    }

    [Fact]
    public async Task A_delayed_message_is_counted_as_delayed_and_delivered_when_its_delay_ends()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "later", DelaySeconds = 1 });
        var attributes = await sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessagesDelayed"]);
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 10 });

        Assert.Equal(1, attributes.ApproximateNumberOfMessagesDelayed);
        Assert.Equal("later", Assert.Single(received.Messages).Body);
    }

    [Fact]
    public async Task A_message_received_more_than_maxReceiveCount_times_moves_to_the_dead_letter_queue()
    {
        using var sqs = SqsSdk.Client(emulator);
        var dlq = await SqsSdk.NewQueue(sqs, "dlq");
        var dlqArn = await SqsSdk.Arn(sqs, dlq);
        var source = await SqsSdk.NewQueue(sqs, "src", new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"2\"}}" });
        var sent = await sqs.SendMessageAsync(source, "poison");

        for (var i = 0; i < 2; i++)
        {
            var received = Assert.Single((await sqs.ReceiveMessageAsync(source)).Messages);
            await sqs.ChangeMessageVisibilityAsync(source, received.ReceiptHandle, 0);
        }

        var third = await sqs.ReceiveMessageAsync(source);
        var dead = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = dlq, MessageSystemAttributeNames = ["All"] });

        Assert.Empty(third.Messages ?? []);
        var moved = Assert.Single(dead.Messages);
        Assert.Equal(sent.MessageId, moved.MessageId);
        Assert.Equal("poison", moved.Body);
        Assert.Equal(await SqsSdk.Arn(sqs, source), moved.Attributes["DeadLetterQueueSourceArn"]);
        Assert.Equal([source], (await sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = dlq })).QueueUrls);
        var policy = (await sqs.GetQueueAttributesAsync(source, ["RedrivePolicy"])).Attributes["RedrivePolicy"];
        Assert.Equal($"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":2}}", policy);
    }

    [Fact]
    public async Task A_FIFO_queue_delivers_a_group_in_order_and_holds_it_while_a_message_is_in_flight()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "fifo", new() { ["ContentBasedDeduplication"] = "true" }, fifo: true);
        foreach (var body in new[] { "a1", "a2", "a3" })
        {
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body, MessageGroupId = "a" });
        }

        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "b1", MessageGroupId = "b" });

        var first = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 2, MessageSystemAttributeNames = ["All"] });
        var second = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10 });

        Assert.Equal(["a1", "a2"], first.Messages.Select(m => m.Body));
        Assert.Equal("a", first.Messages[0].Attributes["MessageGroupId"]);
        Assert.Equal(["b1"], second.Messages.Select(m => m.Body));
    }

    [Fact]
    public async Task A_FIFO_queue_drops_a_duplicate_sent_within_five_minutes()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "dedup", fifo: true);

        var first = await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageGroupId = "g", MessageDeduplicationId = "d1" });
        var duplicate = await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageGroupId = "g", MessageDeduplicationId = "d1" });
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10 });

        Assert.Equal(first.MessageId, duplicate.MessageId);
        Assert.Equal(20, first.SequenceNumber.Length);
        Assert.Single(received.Messages);
    }

    [Fact]
    public async Task A_FIFO_send_without_a_group_or_deduplication_is_refused()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "strict", fifo: true);

        var noGroup = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageDeduplicationId = "d" }));
        var noDedup = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "x", MessageGroupId = "g" }));

        Assert.Equal("MissingParameter", noGroup.ErrorCode);
        Assert.Equal("The request must contain the parameter MessageGroupId.", noGroup.Message);
        Assert.Equal("InvalidParameterValue", noDedup.ErrorCode);
        Assert.Equal("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly", noDedup.Message);
    }
}
