using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Emulator.Recording;

/// <summary>
/// Turns an operation's parsed input or output into CloudTrail's <c>requestParameters</c> or
/// <c>responseElements</c>: structure members in lower camel case (AWS's Java naming, <c>userName</c>,
/// <c>sAMLProviderArn</c>), map keys and values as given, streaming bodies left out, and every member the model
/// marks <c>sensitive</c> masked — spec-driven, so a new service's secrets are masked without a list to keep.
/// </summary>
/// <remarks>
/// Masking follows the documented examples: STS and IAM credentials appear without <c>secretAccessKey</c>; other
/// secrets in responses read <c>&lt;sensitiveDataRemoved&gt;</c> (EC2 CreateKeyPair example). Secrets in requests
/// (passwords, tokens) are left out altogether [guess: AWS documents no request example]. Timestamps use the
/// Java form of AWS's IAM and STS examples (<c>Jul 18, 2014, 4:07:39 PM</c>).
/// </remarks>
public static class RecordedParameters
{
    public const string SensitiveDataRemoved = "<sensitiveDataRemoved>";

    /// <summary>The request's parameters, or null when it has none.</summary>
    public static JsonObject? Request(Shape? input, JsonObject values) => Convert(input, values, isResponse: false);

    /// <summary>The response's elements, or null when it is empty.</summary>
    public static JsonObject? Response(Shape? output, JsonObject values) => Convert(output, values, isResponse: true);

    private static JsonObject? Convert(Shape? shape, JsonObject values, bool isResponse)
    {
        if (shape is null || values.Count == 0)
        {
            return null;
        }

        var converted = Structure(shape, values, isResponse);
        return converted.Count == 0 ? null : converted;
    }

    private static JsonObject Structure(Shape shape, JsonObject values, bool isResponse)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            var member = shape.GetMember(name);
            if (member is null || member.Streaming || value is null)
            {
                continue;
            }

            if (member.Sensitive)
            {
                // Documented: credentials are shown without their secret key; other response secrets are replaced.
                if (isResponse && !string.Equals(name, "SecretAccessKey", StringComparison.Ordinal))
                {
                    result[CamelCase(name)] = SensitiveDataRemoved;
                }

                continue;
            }

            result[CamelCase(name)] = Value(member.Shape, value, isResponse);
        }

        return result;
    }

    private static JsonNode? Value(Shape shape, JsonNode value, bool isResponse)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure when value is JsonObject structure:
                return Structure(shape, structure, isResponse);
            case ShapeType.List when value is JsonArray list && shape.ListMember is { } item:
                return new JsonArray(list.Select(element => element is null ? null : item.Sensitive ? JsonValue.Create(SensitiveDataRemoved) : Value(item.Shape, element, isResponse)).ToArray());
            case ShapeType.Map when value is JsonObject map && shape.MapValue is { } entry:
            {
                var result = new JsonObject();
                foreach (var (key, element) in map)
                {
                    result[key] = element is null ? null : entry.Sensitive ? SensitiveDataRemoved : Value(entry.Shape, element, isResponse);
                }

                return result;
            }

            case ShapeType.Timestamp when Timestamp(value) is { } time:
                return time.UtcDateTime.ToString("MMM d, yyyy, h:mm:ss tt", CultureInfo.InvariantCulture);
            default:
                return value.DeepClone();
        }
    }

    private static DateTimeOffset? Timestamp(JsonNode value)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        if (scalar.TryGetValue<DateTimeOffset>(out var time))
        {
            return time;
        }

        if (scalar.TryGetValue<DateTime>(out var dateTime))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc));
        }

        if (scalar.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        return scalar.GetValueKind() == JsonValueKind.Number && scalar.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null;
    }

    /// <summary>AWS's Java naming: the first character lowered, the rest kept (<c>SAMLProviderArn</c> → <c>sAMLProviderArn</c>).</summary>
    public static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));
}
