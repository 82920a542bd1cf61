using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>
/// Source-generated serialization of the typed events (no reflection: safe for trimming and Native AOT). Nulls are
/// left out when writing, as AWS leaves out absent members.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBridgeEvent<CloudTrailDetail>))]
[JsonSerializable(typeof(EventBridgeEvent<JsonElement>))]
[JsonSerializable(typeof(CloudTrailDetail))]
[JsonSerializable(typeof(SnsEvent))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext;
