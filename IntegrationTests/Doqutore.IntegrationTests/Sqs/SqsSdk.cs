using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>AWSSDK.SQS 4 (json protocol) pointed at the emulator, and queue helpers the SQS tests share.</summary>
internal static class SqsSdk
{
    public static AmazonSQSClient Client(EmulatorFixture emulator, AWSCredentials? credentials = null) =>
        new(credentials ?? SdkClients.Root, SdkClients.Configure(new AmazonSQSConfig(), emulator));

    /// <summary>Creates a uniquely named queue and returns its URL.</summary>
    public static async Task<string> NewQueue(IAmazonSQS sqs, string prefix = "q", Dictionary<string, string>? attributes = null, bool fifo = false)
    {
        var name = AwsCli.Unique(prefix) + (fifo ? ".fifo" : string.Empty);
        var all = new Dictionary<string, string>(attributes ?? []);
        if (fifo)
        {
            all["FifoQueue"] = "true";
        }

        return (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = all })).QueueUrl;
    }

    public static async Task<string> Arn(IAmazonSQS sqs, string queueUrl) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"];
}
