using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.RoundTrip;

/// <summary>AWSSDK.SQS 4 (json protocol) through our parser and serializer.</summary>
public class SqsRoundTripTests(CapturingEmulatorFixture emulator) : IClassFixture<CapturingEmulatorFixture>
{
    private AmazonSQSClient Client() => new(SdkClients.Root, SdkClients.Configure(new AmazonSQSConfig(), emulator));

    [Fact]
    public async Task SendMessage_arrives_with_its_attributes_and_the_answer_passes_the_SDK_digest_check()
    {
        using var sqs = Client();

        var response = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = $"{emulator.Url}/000000000000/orders",
            MessageBody = "{\"order\":1} ünïcode",
            DelaySeconds = 5,
            MessageAttributes = new()
            {
                ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "order" },
                ["blob"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = new MemoryStream([9, 8, 7]) },
            },
        });

        var input = emulator.Provider<CapturingSqs>().Input("SendMessage");
        Assert.Equal("{\"order\":1} ünïcode", (string?)input["MessageBody"]);
        Assert.Equal(5L, (long?)input["DelaySeconds"]);
        Assert.Equal("order", (string?)input["MessageAttributes"]!["kind"]!["StringValue"]);
        Assert.Equal(Convert.ToBase64String([9, 8, 7]), (string?)input["MessageAttributes"]!["blob"]!["BinaryValue"]);
        Assert.Equal("5fea7756-0ea4-451a-a703-a558b933e274", response.MessageId);
    }

    [Fact]
    public async Task ReceiveMessage_output_is_read_by_the_SDK()
    {
        using var sqs = Client();

        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = $"{emulator.Url}/000000000000/orders",
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = ["All"],
        });

        var input = emulator.Provider<CapturingSqs>().Input("ReceiveMessage");
        Assert.Equal(10L, (long?)input["MaxNumberOfMessages"]);
        var message = Assert.Single(response.Messages);
        Assert.Equal("héllo", message.Body);
        Assert.Equal("3", message.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task Errors_carry_the_query_era_code_the_SDK_maps_to_its_typed_exception()
    {
        using var sqs = Client();

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.GetQueueUrlAsync("missing"));

        Assert.Equal("The specified queue does not exist.", error.Message);
    }
}
