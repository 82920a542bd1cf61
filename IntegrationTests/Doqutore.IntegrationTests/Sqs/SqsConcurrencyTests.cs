using System.Collections.Concurrent;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>Concurrent senders and receivers: every message is received exactly once when each is deleted after receipt.</summary>
[Collection(EmulatorCollection.Name)]
public class SqsConcurrencyTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Concurrent_senders_and_receivers_see_every_message_exactly_once()
    {
        const int Senders = 4;
        const int PerSender = 100;
        const int Receivers = 6;
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "busy", new() { ["VisibilityTimeout"] = "120" });
        var seen = new ConcurrentDictionary<string, int>();
        var sending = Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i += 10)
            {
                await sqs.SendMessageBatchAsync(url, Enumerable.Range(i, 10).Select(j => new SendMessageBatchRequestEntry($"e{j}", $"{s}-{j}")).ToList());
            }
        })));

        var receiving = Task.WhenAll(Enumerable.Range(0, Receivers).Select(_ => Task.Run(async () =>
        {
            while (seen.Count < Senders * PerSender)
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
                foreach (var message in response.Messages ?? [])
                {
                    seen.AddOrUpdate(message.Body, 1, (_, n) => n + 1);
                    await sqs.DeleteMessageAsync(url, message.ReceiptHandle);
                }

                if (sending.IsCompleted && (response.Messages?.Count ?? 0) == 0 && seen.Count >= Senders * PerSender)
                {
                    break;
                }
            }
        })));

        await sending;
        await receiving.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(Senders * PerSender, seen.Count);
        Assert.All(seen, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(0, (await sqs.GetQueueAttributesAsync(url, ["All"])).ApproximateNumberOfMessages);
    }
}
