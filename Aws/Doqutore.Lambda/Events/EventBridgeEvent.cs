using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>
/// An EventBridge event as a rule's Lambda target receives it: the envelope (<c>version</c>, <c>id</c>,
/// <c>detail-type</c>, <c>source</c>, <c>account</c>, <c>time</c>, <c>region</c>, <c>resources</c>) around a typed
/// <c>detail</c>. CloudTrail events are <c>EventBridgeEvent&lt;CloudTrailDetail&gt;</c> with detail-type
/// <c>AWS API Call via CloudTrail</c>.
/// </summary>
public sealed record EventBridgeEvent<TDetail>
{
    [JsonPropertyName("version")]
    public string Version { get; set; } = "0";

    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("detail-type")]
    public string DetailType { get; set; } = string.Empty;

    /// <summary><c>aws.&lt;service&gt;</c> for AWS events, anything else for custom ones.</summary>
    [JsonPropertyName("source")]
    public string Source { get; set; } = string.Empty;

    [JsonPropertyName("account")]
    public string Account { get; set; } = string.Empty;

    [JsonPropertyName("time")]
    [JsonConverter(typeof(AwsTimestampConverter))]
    public DateTimeOffset Time { get; init; }

    [JsonPropertyName("region")]
    public string Region { get; set; } = string.Empty;

    [JsonPropertyName("resources")]
    public IReadOnlyList<string> Resources { get; set; } = [];

    [JsonPropertyName("detail")]
    public TDetail Detail { get; set; } = default!;

    /// <summary>Members the envelope does not model (e.g. <c>replay-name</c> of an archive replay).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
