using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>Bad input through AWSSDK.SQS: AWS's error codes (the query-era codes the SDK reads) and messages.</summary>
[Collection(EmulatorCollection.Name)]
public class SqsBadInputTests(EmulatorFixture emulator)
{
    private static async Task<AmazonSQSException> Fails(Func<Task> call) => await Assert.ThrowsAnyAsync<AmazonSQSException>(call);

    [Fact]
    public async Task Sending_to_a_missing_queue_is_QueueDoesNotExist()
    {
        using var sqs = SqsSdk.Client(emulator);

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.SendMessageAsync($"{emulator.Url}/000000000000/no-such-queue", "x"));

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.ErrorCode);
        Assert.Equal("The specified queue does not exist.", error.Message);
    }

    [Fact]
    public async Task A_bad_attribute_value_is_InvalidAttributeValue()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Fails(() => sqs.SetQueueAttributesAsync(url, new() { ["VisibilityTimeout"] = "43201" }));

        Assert.Equal("InvalidAttributeValue", error.ErrorCode);
        Assert.Equal("Invalid value for the parameter VisibilityTimeout.", error.Message);
    }

    [Fact]
    public async Task An_unknown_attribute_is_InvalidAttributeName()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Fails(() => sqs.GetQueueAttributesAsync(url, ["Colour"]));

        Assert.Equal("InvalidAttributeName", error.ErrorCode);
        Assert.Equal("Unknown Attribute Colour.", error.Message);
    }

    [Fact]
    public async Task A_redrive_policy_naming_a_missing_queue_is_refused()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);
        const string Policy = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nowhere\",\"maxReceiveCount\":\"3\"}";

        var error = await Fails(() => sqs.SetQueueAttributesAsync(url, new() { ["RedrivePolicy"] = Policy }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal($"Value {Policy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.", error.Message);
    }

    [Fact]
    public async Task A_bad_queue_name_is_InvalidParameterValue()
    {
        using var sqs = SqsSdk.Client(emulator);

        var error = await Fails(() => sqs.CreateQueueAsync("has spaces"));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length", error.Message);
    }

    [Fact]
    public async Task A_body_over_the_maximum_message_size_is_refused()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Fails(() => sqs.SendMessageAsync(url, new string('x', 262_145)));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.", error.Message);
    }

    [Fact]
    public async Task A_body_with_a_forbidden_character_is_InvalidMessageContents()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Assert.ThrowsAsync<InvalidMessageContentsException>(() => sqs.SendMessageAsync(url, "bell \u0007"));

        Assert.Equal("Invalid binary character '#x7' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF", error.Message);
    }

    [Fact]
    public async Task Eleven_batch_entries_are_TooManyEntriesInBatchRequest()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Assert.ThrowsAsync<TooManyEntriesInBatchRequestException>(() =>
            sqs.SendMessageBatchAsync(url, Enumerable.Range(0, 11).Select(i => new SendMessageBatchRequestEntry($"e{i}", "x")).ToList()));

        Assert.Equal("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", error.ErrorCode);
        Assert.Equal("Maximum number of entries per request are 10. You have sent 11.", error.Message);
    }

    [Fact]
    public async Task Repeated_batch_ids_are_BatchEntryIdsNotDistinct()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Assert.ThrowsAsync<BatchEntryIdsNotDistinctException>(() =>
            sqs.SendMessageBatchAsync(url, [new SendMessageBatchRequestEntry("same", "a"), new SendMessageBatchRequestEntry("same", "b")]));

        Assert.Equal("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", error.ErrorCode);
        Assert.Equal("Id same repeated.", error.Message);
    }

    [Fact]
    public async Task An_empty_batch_is_EmptyBatchRequest()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Assert.ThrowsAsync<EmptyBatchRequestException>(() => sqs.DeleteMessageBatchAsync(url, []));

        Assert.Equal("AWS.SimpleQueueService.EmptyBatchRequest", error.ErrorCode);
        Assert.Equal("There should be at least one DeleteMessageBatchRequestEntry in the request.", error.Message);
    }

    [Fact]
    public async Task A_made_up_receipt_handle_is_ReceiptHandleIsInvalid()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => sqs.DeleteMessageAsync(url, "not-a-handle"));

        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorCode);
        Assert.Equal("The input receipt handle \"not-a-handle\" is not a valid receipt handle.", error.Message);
    }

    [Fact]
    public async Task A_receipt_handle_of_another_queue_is_ReceiptHandleIsInvalid()
    {
        using var sqs = SqsSdk.Client(emulator);
        var first = await SqsSdk.NewQueue(sqs);
        var second = await SqsSdk.NewQueue(sqs);
        await sqs.SendMessageAsync(first, "x");
        var handle = Assert.Single((await sqs.ReceiveMessageAsync(first)).Messages).ReceiptHandle;

        await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => sqs.DeleteMessageAsync(second, handle));
    }

    [Fact]
    public async Task MaxNumberOfMessages_out_of_range_is_refused()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Fails(() => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 11 }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", error.Message);
    }

    [Fact]
    public async Task WaitTimeSeconds_over_twenty_is_refused()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);

        var error = await Fails(() => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 21 }));

        Assert.Equal("Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.", error.Message);
    }

    [Fact]
    public async Task Changing_the_visibility_of_a_visible_message_is_MessageNotInflight()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs);
        await sqs.SendMessageAsync(url, "x");
        var handle = Assert.Single((await sqs.ReceiveMessageAsync(url)).Messages).ReceiptHandle;
        await sqs.ChangeMessageVisibilityAsync(url, handle, 0);

        var error = await Assert.ThrowsAsync<MessageNotInflightException>(() => sqs.ChangeMessageVisibilityAsync(url, handle, 30));

        Assert.Equal("AWS.SimpleQueueService.MessageNotInflight", error.ErrorCode);
    }

    [Fact]
    public async Task A_deleted_name_cannot_be_reused_for_sixty_seconds()
    {
        using var sqs = SqsSdk.Client(emulator);
        var name = AwsCli.Unique("reuse");
        var url = (await sqs.CreateQueueAsync(name)).QueueUrl;
        await sqs.DeleteQueueAsync(url);

        var error = await Assert.ThrowsAsync<QueueDeletedRecentlyException>(() => sqs.CreateQueueAsync(name));

        Assert.Equal("You must wait 60 seconds after deleting a queue before you can create another with the same name.", error.Message);
    }

    [Fact]
    public async Task A_FIFO_attribute_on_a_standard_queue_is_InvalidAttributeName()
    {
        using var sqs = SqsSdk.Client(emulator);

        var error = await Fails(() => sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = AwsCli.Unique("std"), Attributes = new() { ["ContentBasedDeduplication"] = "true" } }));

        Assert.Equal("InvalidAttributeName", error.ErrorCode);
        Assert.Equal("Unknown Attribute ContentBasedDeduplication.", error.Message);
    }
}
