using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>
/// Source-generated serialization of the typed events (no reflection: safe for trimming and Native AOT). Nulls are
/// left out when writing, as AWS leaves out absent members.
/// </summary>
/// <remarks>
/// Members with a non-null default (lists, maps, required strings) have setters rather than <c>init</c>: the source
/// generator assigns every init-only member in one object initializer, so a member absent from the JSON would be
/// reset to null instead of keeping its default.
/// </remarks>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBridgeEvent<CloudTrailDetail>))]
[JsonSerializable(typeof(EventBridgeEvent<JsonElement>))]
[JsonSerializable(typeof(CloudTrailDetail))]
[JsonSerializable(typeof(SnsEvent))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext;
