namespace Doqutore.Emulator.Delivery;

/// <summary>
/// How other services put messages on an SQS queue (EventBridge targets and dead-letter queues, SNS
/// subscriptions). The queue's policy must allow the caller <c>sqs:SendMessage</c>; implemented by SQS.
/// </summary>
public interface IQueueSender
{
    /// <summary>Sends <paramref name="message"/> to the queue <paramref name="queueArn"/> and returns the message id.</summary>
    /// <exception cref="DeliveryFailure">The queue does not exist (<c>NO_RESOURCE</c>) or its policy refuses the caller (<c>NO_PERMISSIONS</c>).</exception>
    Task<string> SendAsync(ServiceCaller caller, string queueArn, QueueMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A message another service sends to a queue.</summary>
/// <param name="Body">The message body.</param>
public sealed record QueueMessage(string Body)
{
    public IReadOnlyDictionary<string, MessageAttribute> Attributes { get; init; } = new Dictionary<string, MessageAttribute>();

    /// <summary>FIFO queues: the message group (EventBridge's <c>SqsParameters.MessageGroupId</c>).</summary>
    public string? MessageGroupId { get; init; }

    public string? MessageDeduplicationId { get; init; }
}

/// <summary>The sender while the emulator has no SQS service registered: every queue is missing.</summary>
public sealed class NoQueueSender : IQueueSender
{
    public Task<string> SendAsync(ServiceCaller caller, string queueArn, QueueMessage message, CancellationToken cancellationToken = default) =>
        throw DeliveryFailure.NoResource($"Queue not found: {queueArn}");
}
