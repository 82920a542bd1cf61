using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>Debian's AWS CLI (recent botocore: SQS over json, errors read from <c>x-amzn-query-error</c>) on the main path.</summary>
[Collection(EmulatorCollection.Name)]
public class SqsCliTests(EmulatorFixture emulator)
{
    [SkippableFact]
    public void The_CLI_creates_sends_receives_and_deletes()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var name = AwsCli.Unique("cli");

        var url = (string)cli.Json("sqs", "create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=40")["QueueUrl"]!;
        cli.Json("sqs", "send-message", "--queue-url", url, "--message-body", "from the cli",
            "--message-attributes", "{\"kind\":{\"DataType\":\"String\",\"StringValue\":\"alert\"}}");
        var received = cli.Json("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All", "--message-attribute-names", "All", "--wait-time-seconds", "5");
        var message = received["Messages"]![0]!;
        cli.Ok("sqs", "delete-message", "--queue-url", url, "--receipt-handle", (string)message["ReceiptHandle"]!);
        var attributes = cli.Json("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")["Attributes"]!;

        Assert.Equal($"{emulator.Url}/000000000000/{name}", url);
        Assert.Equal("from the cli", (string?)message["Body"]);
        Assert.Equal("alert", (string?)message["MessageAttributes"]!["kind"]!["StringValue"]);
        Assert.Equal("1", (string?)message["Attributes"]!["ApproximateReceiveCount"]);
        Assert.Equal("40", (string?)attributes["VisibilityTimeout"]);
        Assert.Equal("0", (string?)attributes["ApproximateNumberOfMessagesNotVisible"]);
        Assert.Contains(url, cli.Json("sqs", "list-queues", "--queue-name-prefix", name)["QueueUrls"]!.AsArray().Select(u => (string?)u));
    }

    [SkippableFact]
    public void The_CLI_shows_the_query_era_error_code()
    {
        ExternalTool.RequireAwsCli();

        var error = new AwsCli(emulator).Error("sqs", "get-queue-url", "--queue-name", "no-such-queue");

        Assert.Contains("An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.", error, StringComparison.Ordinal);
    }
}
