using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>
/// What an SNS topic's Lambda subscription delivers: <c>{"Records":[{"EventVersion","EventSubscriptionArn",
/// "EventSource":"aws:sns","Sns":{…}}]}</c>, one record per invocation in practice.
/// </summary>
public sealed record SnsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SnsRecord> Records { get; set; } = [];
}

public sealed record SnsRecord
{
    [JsonPropertyName("EventVersion")]
    public string? EventVersion { get; init; }

    [JsonPropertyName("EventSubscriptionArn")]
    public string? EventSubscriptionArn { get; init; }

    /// <summary><c>aws:sns</c>.</summary>
    [JsonPropertyName("EventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("Sns")]
    public SnsMessage Sns { get; set; } = new();
}

/// <summary>
/// The notification. Note AWS's spelling in Lambda events: <c>SigningCertUrl</c> and <c>UnsubscribeUrl</c>, where the
/// HTTP and SQS forms of the same notification say <c>…URL</c>.
/// </summary>
public sealed record SnsMessage
{
    /// <summary><c>Notification</c>.</summary>
    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    [JsonPropertyName("MessageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("TopicArn")]
    public string? TopicArn { get; init; }

    /// <summary>The subject, or null when the publisher gave none.</summary>
    [JsonPropertyName("Subject")]
    public string? Subject { get; init; }

    [JsonPropertyName("Message")]
    public string Message { get; set; } = string.Empty;

    [JsonPropertyName("Timestamp")]
    [JsonConverter(typeof(AwsTimestampConverter))]
    public DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("SignatureVersion")]
    public string? SignatureVersion { get; init; }

    [JsonPropertyName("Signature")]
    public string? Signature { get; init; }

    [JsonPropertyName("SigningCertUrl")]
    public string? SigningCertUrl { get; init; }

    [JsonPropertyName("UnsubscribeUrl")]
    public string? UnsubscribeUrl { get; init; }

    [JsonPropertyName("MessageAttributes")]
    public IReadOnlyDictionary<string, SnsMessageAttribute> MessageAttributes { get; set; } = new Dictionary<string, SnsMessageAttribute>();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A message attribute: <c>Type</c> is <c>String</c>, <c>String.Array</c>, <c>Number</c> or <c>Binary</c> (base64 <c>Value</c>).</summary>
public sealed record SnsMessageAttribute(
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("Value")] string Value);
