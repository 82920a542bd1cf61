using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>What an SQS event source mapping delivers: a batch of messages, <c>{"Records":[…]}</c>.</summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage> Records { get; set; } = [];
}

/// <summary>One message of the batch, with its system attributes and message attributes.</summary>
public sealed record SqsMessage
{
    [JsonPropertyName("messageId")]
    public string MessageId { get; set; } = string.Empty;

    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    [JsonPropertyName("body")]
    public string Body { get; set; } = string.Empty;

    /// <summary>
    /// System attributes by name: <c>ApproximateReceiveCount</c>, <c>SentTimestamp</c>, <c>SenderId</c>,
    /// <c>ApproximateFirstReceiveTimestamp</c>, and for FIFO queues <c>MessageGroupId</c>, <c>SequenceNumber</c>,
    /// <c>MessageDeduplicationId</c>; all strings, as AWS sends them.
    /// </summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string> Attributes { get; set; } = new Dictionary<string, string>();

    [JsonPropertyName("messageAttributes")]
    public IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes { get; set; } = new Dictionary<string, SqsMessageAttribute>();

    [JsonPropertyName("md5OfBody")]
    public string? Md5OfBody { get; init; }

    [JsonPropertyName("md5OfMessageAttributes")]
    public string? Md5OfMessageAttributes { get; init; }

    /// <summary><c>aws:sqs</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }
}

/// <summary>
/// A message attribute as Lambda's SQS events spell it (camelCase, unlike the SQS API): <c>dataType</c> is
/// <c>String</c>, <c>Number</c> or <c>Binary</c> (optionally with a custom suffix); binary values are base64.
/// </summary>
public sealed record SqsMessageAttribute
{
    [JsonPropertyName("stringValue")]
    public string? StringValue { get; init; }

    [JsonPropertyName("binaryValue")]
    public string? BinaryValue { get; init; }

    [JsonPropertyName("stringListValues")]
    public IReadOnlyList<string> StringListValues { get; set; } = [];

    [JsonPropertyName("binaryListValues")]
    public IReadOnlyList<string> BinaryListValues { get; set; } = [];

    [JsonPropertyName("dataType")]
    public string DataType { get; set; } = "String";
}

/// <summary>
/// The partial batch response (with <c>FunctionResponseTypes: ["ReportBatchItemFailures"]</c>): the ids of the
/// messages that failed; the others are deleted.
/// </summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; set; } = [];
}

/// <summary>A failed item: the message's <c>messageId</c> (the stream record's SequenceNumber for streams).</summary>
public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
