namespace Doqutore.Emulator.Delivery;

/// <summary>
/// How other services publish to an SNS topic (EventBridge targets, later CloudWatch alarms). The topic's
/// policy must allow the caller <c>sns:Publish</c>; implemented by SNS.
/// </summary>
public interface ITopicPublisher
{
    /// <summary>Publishes to <paramref name="topicArn"/> and returns the message id.</summary>
    /// <exception cref="DeliveryFailure">The topic does not exist (<c>NO_RESOURCE</c>) or its policy refuses the caller (<c>NO_PERMISSIONS</c>).</exception>
    Task<string> PublishAsync(ServiceCaller caller, string topicArn, TopicMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A message another service publishes to a topic.</summary>
/// <param name="Message">The message text.</param>
/// <param name="Subject">The optional subject (email subscriptions use it).</param>
public sealed record TopicMessage(string Message, string? Subject = null)
{
    public IReadOnlyDictionary<string, MessageAttribute> Attributes { get; init; } = new Dictionary<string, MessageAttribute>();
}
