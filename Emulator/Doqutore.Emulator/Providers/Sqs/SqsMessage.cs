namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>One message in a queue; mutable fields change only under its queue's lock.</summary>
internal sealed class SqsMessage
{
    public required string MessageId { get; init; }

    public required string Body { get; init; }

    public required string Md5OfBody { get; init; }

    public IReadOnlyDictionary<string, SqsAttributeValue> Attributes { get; init; } = new Dictionary<string, SqsAttributeValue>();

    public IReadOnlyDictionary<string, SqsAttributeValue> SystemAttributes { get; init; } = new Dictionary<string, SqsAttributeValue>();

    public required string SenderId { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    /// <summary>FIFO queues: the group; standard queues keep it when a sender gives one.</summary>
    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    public string? SequenceNumber { get; set; }

    /// <summary>The source queue's ARN once redrive moved the message to a dead-letter queue.</summary>
    public string? DeadLetterSourceArn { get; set; }

    /// <summary>When the message is next visible: its delay at first, then the end of each visibility timeout.</summary>
    public DateTimeOffset VisibleAt { get; set; }

    public int ReceiveCount { get; set; }

    public DateTimeOffset? FirstReceivedAt { get; set; }

    /// <summary>When the current receive started (the 12-hour visibility limit counts from it).</summary>
    public DateTimeOffset? LastReceivedAt { get; set; }

    /// <summary>The receipt handle of the latest receive; earlier handles are stale.</summary>
    public string? ReceiptHandle { get; set; }

    public bool IsVisible(DateTimeOffset now) => VisibleAt <= now;

    /// <summary>Received and not yet visible again.</summary>
    public bool IsInFlight(DateTimeOffset now) => ReceiveCount > 0 && ReceiptHandle is not null && VisibleAt > now;
}
