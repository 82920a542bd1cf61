using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>The official AWSSDK.SQS (json protocol, verifying every MD5) through a queue's whole life.</summary>
[Collection(EmulatorCollection.Name)]
public class SqsSdkLifecycleTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task A_queue_is_created_found_listed_and_deleted()
    {
        using var sqs = SqsSdk.Client(emulator);
        var name = AwsCli.Unique("life");

        var url = (await sqs.CreateQueueAsync(name)).QueueUrl;

        Assert.Equal($"{emulator.Url}/000000000000/{name}", url);
        Assert.Equal(url, (await sqs.GetQueueUrlAsync(name)).QueueUrl);
        Assert.Contains(url, (await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = name })).QueueUrls);
        await sqs.DeleteQueueAsync(url);
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.GetQueueUrlAsync(name));
    }

    [Fact]
    public async Task A_message_with_attributes_is_sent_received_and_deleted_and_the_SDK_verifies_every_digest()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var sent = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = "{\"patient\":\"ünïcode ✓\"}",
            MessageAttributes = new()
            {
                ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "alert" },
                ["count"] = new MessageAttributeValue { DataType = "Number.int", StringValue = "42" },
                ["blob"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = new MemoryStream([1, 2, 3, 250]) },
            },
            MessageSystemAttributes = new()
            {
                ["AWSTraceHeader"] = new MessageSystemAttributeValue { DataType = "String", StringValue = "Root=1-5759e988-bd862e3fe1be46a994272793" },
            },
        });
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = ["All"],
        });

        var message = Assert.Single(received.Messages);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("{\"patient\":\"ünïcode ✓\"}", message.Body);
        Assert.Equal(sent.MD5OfMessageAttributes, message.MD5OfMessageAttributes);
        Assert.Equal("alert", message.MessageAttributes["kind"].StringValue);
        Assert.Equal([1, 2, 3, 250], message.MessageAttributes["blob"].BinaryValue.ToArray());
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        Assert.Equal("000000000000", message.Attributes["SenderId"]);
        Assert.True(long.Parse(message.Attributes["SentTimestamp"], System.Globalization.CultureInfo.InvariantCulture) > 1_600_000_000_000);
        Assert.True(message.Attributes.ContainsKey("ApproximateFirstReceiveTimestamp"));
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793", message.Attributes["AWSTraceHeader"]);

        await sqs.DeleteMessageAsync(url, message.ReceiptHandle);
        var attributes = await sqs.GetQueueAttributesAsync(url, ["All"]);
        Assert.Equal(0, attributes.ApproximateNumberOfMessages);
        Assert.Equal(0, attributes.ApproximateNumberOfMessagesNotVisible);
    }

    [Fact]
    public async Task The_attribute_digest_is_the_one_the_SQS_developer_guide_algorithm_gives()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var sent = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = "x",
            MessageAttributes = new() { ["a"] = new MessageAttributeValue { DataType = "String", StringValue = "b" } },
        });

        // 4-byte lengths, name, type, transport 1, value: 00000001 'a' 00000006 'String' 01 00000001 'b'.
        byte[] buffer = [0, 0, 0, 1, (byte)'a', 0, 0, 0, 6, .. Encoding.UTF8.GetBytes("String"), 1, 0, 0, 0, 1, (byte)'b'];
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(buffer)), sent.MD5OfMessageAttributes);
    }

    [Fact]
    public async Task Message_attribute_names_select_by_exact_name_and_by_prefix()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = "x",
            MessageAttributes = new()
            {
                ["order.id"] = new MessageAttributeValue { DataType = "String", StringValue = "1" },
                ["order.kind"] = new MessageAttributeValue { DataType = "String", StringValue = "k" },
                ["other"] = new MessageAttributeValue { DataType = "String", StringValue = "o" },
            },
        });

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MessageAttributeNames = ["order.*"] });

        Assert.Equal(["order.id", "order.kind"], Assert.Single(received.Messages).MessageAttributes.Keys.Order());
    }

    [Fact]
    public async Task Batches_send_receive_change_visibility_and_delete_ten_messages()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var sent = await sqs.SendMessageBatchAsync(url, Enumerable.Range(0, 10).Select(i => new SendMessageBatchRequestEntry
        {
            Id = $"m{i}",
            MessageBody = $"body {i}",
            MessageAttributes = new() { ["i"] = new MessageAttributeValue { DataType = "Number", StringValue = $"{i}" } },
        }).ToList());
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"] });
        var hidden = await sqs.ChangeMessageVisibilityBatchAsync(url, received.Messages.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry($"c{i}", m.ReceiptHandle) { VisibilityTimeout = 600 }).ToList());
        var deleted = await sqs.DeleteMessageBatchAsync(url, received.Messages.Select((m, i) => new DeleteMessageBatchRequestEntry($"d{i}", m.ReceiptHandle)).ToList());

        Assert.Equal(10, sent.Successful.Count);
        Assert.Empty(sent.Failed ?? []);
        Assert.Equal(10, received.Messages.Count);
        Assert.Equal(10, hidden.Successful.Count);
        Assert.Equal(10, deleted.Successful.Count);
        Assert.Empty((await sqs.ReceiveMessageAsync(url)).Messages ?? []);
    }

    [Fact]
    public async Task A_batch_entry_with_its_own_problem_fails_alone()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var result = await sqs.SendMessageBatchAsync(url,
        [
            new SendMessageBatchRequestEntry("good", "fine"),
            new SendMessageBatchRequestEntry("bad", "x") { DelaySeconds = 901 },
        ]);

        Assert.Equal("good", Assert.Single(result.Successful).Id);
        var failed = Assert.Single(result.Failed);
        Assert.Equal("bad", failed.Id);
        Assert.Equal("InvalidParameterValue", failed.Code);
        Assert.True(failed.SenderFault);
        Assert.Equal("Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.", failed.Message);
    }

    [Fact]
    public async Task Queue_attributes_are_set_and_read_back_and_create_is_idempotent_only_with_the_same_attributes()
    {
        using var sqs = SqsSdk.Client(emulator);
        var name = AwsCli.Unique("attrs");
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "45" } })).QueueUrl;

        Assert.Equal(url, (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "45" } })).QueueUrl);
        var exists = await Assert.ThrowsAsync<QueueNameExistsException>(() => sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "46" } }));
        Assert.Equal("QueueAlreadyExists", exists.ErrorCode);

        await sqs.SetQueueAttributesAsync(url, new() { ["DelaySeconds"] = "5", ["MaximumMessageSize"] = "2048" });
        var all = (await sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;

        Assert.Equal("45", all["VisibilityTimeout"]);
        Assert.Equal("5", all["DelaySeconds"]);
        Assert.Equal("2048", all["MaximumMessageSize"]);
        Assert.Equal("345600", all["MessageRetentionPeriod"]);
        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{name}", all["QueueArn"]);
        Assert.Equal(["VisibilityTimeout"], (await sqs.GetQueueAttributesAsync(url, ["VisibilityTimeout"])).Attributes.Keys);
    }

    [Fact]
    public async Task Tags_are_added_listed_and_removed()
    {
        using var sqs = SqsSdk.Client(emulator);
        var name = AwsCli.Unique("tags");
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Tags = new() { ["team"] = "ir" } })).QueueUrl;

        await sqs.TagQueueAsync(new TagQueueRequest { QueueUrl = url, Tags = new() { ["env"] = "test" } });
        await sqs.UntagQueueAsync(new UntagQueueRequest { QueueUrl = url, TagKeys = ["team"] });

        Assert.Equal(new Dictionary<string, string> { ["env"] = "test" }, (await sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url })).Tags);
    }

    [Fact]
    public async Task ListQueues_pages_with_MaxResults_and_NextToken()
    {
        using var sqs = SqsSdk.Client(emulator);
        var prefix = AwsCli.Unique("page");
        foreach (var i in Enumerable.Range(0, 5))
        {
            await sqs.CreateQueueAsync($"{prefix}-{i}");
        }

        var urls = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix, MaxResults = 2, NextToken = token });
            urls.AddRange(page.QueueUrls);
            token = page.NextToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{emulator.Url}/000000000000/{prefix}-{i}"), urls);
    }

    [Fact]
    public async Task PurgeQueue_empties_the_queue_once_a_minute()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);
        await sqs.SendMessageAsync(url, "a");

        await sqs.PurgeQueueAsync(url);
        var again = await Assert.ThrowsAsync<PurgeQueueInProgressException>(() => sqs.PurgeQueueAsync(url));

        Assert.Empty((await sqs.ReceiveMessageAsync(url)).Messages ?? []);
        Assert.Equal($"Only one PurgeQueue operation on {url.Split('/')[^1]} is allowed every 60 seconds.", again.Message);
    }
}
