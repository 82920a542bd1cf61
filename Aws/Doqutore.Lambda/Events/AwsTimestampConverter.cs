using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>
/// Times as CloudTrail and EventBridge write them: ISO 8601 in UTC with a <c>Z</c> (<c>2019-01-01T00:00:00Z</c>),
/// fractions only when present. Reading accepts any ISO 8601 offset.
/// </summary>
public sealed class AwsTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)
            ? value.ToUniversalTime()
            : throw new JsonException($"Expected an ISO 8601 timestamp, found {reader.TokenType}{(reader.TokenType == JsonTokenType.String ? $" \"{reader.GetString()}\"" : string.Empty)}.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
