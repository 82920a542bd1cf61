using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Publish's <c>MessageAttributes</c>: validation with AWS's messages, and the three forms attributes take
/// afterwards: the notification JSON's <c>{"Type","Value"}</c>, the JSON object filter policies match, and SQS
/// message attributes for raw delivery.
/// </summary>
internal static partial class SnsMessageAttributes
{
    /// <summary>Reads and validates the input map. <paramref name="entryPosition"/> is the 1-based batch entry, for error paths.</summary>
    public static Dictionary<string, MessageAttribute> Read(JsonObject? input, int? entryPosition = null)
    {
        var attributes = new Dictionary<string, MessageAttribute>(StringComparer.Ordinal);
        if (input is null)
        {
            return attributes;
        }

        foreach (var (name, node) in input)
        {
            if (Encoding.UTF8.GetByteCount(name) > 256)
            {
                throw SnsErrors.ParameterValueInvalid("Length of message attribute name must be less than 256 bytes.");
            }

            if (!ValidName().IsMatch(name))
            {
                throw SnsErrors.ParameterValueInvalid(InvalidNameMessage(name));
            }

            if (name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            {
                // [guess] AWS reserves these prefixes for its own attributes (AWS.SNS.MOBILE.*, AWS.MessageGroupId).
                throw SnsErrors.ParameterValueInvalid($"The message attribute name '{name}' is reserved for use by AWS.");
            }

            var value = node as JsonObject ?? [];
            if ((string?)value["DataType"] is not { } dataType)
            {
                var at = entryPosition is { } p
                    ? $"publishBatchRequestEntries.{p}.member.messageAttributes.{name}.member.dataType"
                    : $"messageAttributes.{name}.member.dataType";
                throw new AwsServiceException("ValidationError", $"1 validation error detected: Value null at '{at}' failed to satisfy constraint: Member must not be null", 400);
            }

            attributes[name] = ReadValue(name, dataType, value);
        }

        return attributes;
    }

    private static MessageAttribute ReadValue(string name, string dataType, JsonObject value)
    {
        var kind = KindOf(dataType) ?? throw SnsErrors.ParameterValueInvalid(
            $"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        var stringValue = (string?)value["StringValue"];
        var binaryValue = (string?)value["BinaryValue"];
        if (stringValue is null && binaryValue is null)
        {
            throw EmptyValue(name, dataType);
        }

        if (kind == "Binary")
        {
            if (binaryValue is null)
            {
                throw SnsErrors.ParameterValueInvalid($"The message attribute '{name}' with type '{dataType}' must use field 'Binary'.");
            }

            var bytes = new byte[binaryValue.Length];
            if (!Convert.TryFromBase64String(binaryValue, bytes, out var length))
            {
                throw SnsErrors.ParameterValueInvalid($"The message attribute '{name}' with type '{dataType}' must contain a valid base64 binary value.");
            }

            bytes = bytes[..length];
            return bytes.Length == 0 ? throw EmptyValue(name, dataType) : new MessageAttribute(dataType, null, bytes);
        }

        if (stringValue is null)
        {
            throw SnsErrors.ParameterValueInvalid($"The message attribute '{name}' with type '{dataType}' must use field 'String'.");
        }

        if (stringValue.Length == 0)
        {
            throw EmptyValue(name, dataType);
        }

        if (kind == "Number" && !IsValidNumber(stringValue))
        {
            // [guess] SQS's wording for the same check.
            throw SnsErrors.ParameterValueInvalid($"Could not cast message attribute '{name}' value to number.");
        }

        if (dataType == "String.Array" && !IsValidStringArray(stringValue))
        {
            // [guess]
            throw SnsErrors.ParameterValueInvalid($"The message attribute '{name}' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.");
        }

        return new MessageAttribute(dataType, stringValue);
    }

    private static AwsServiceException EmptyValue(string name, string dataType) =>
        SnsErrors.ParameterValueInvalid($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{dataType}'.");

    private static string InvalidNameMessage(string name)
    {
        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'));
        return bad == default
            ? $"Invalid message attribute name: '{name}'. Names cannot start or end with a period, or contain two successive periods."
            : $"Invalid non-alphanumeric character '#x{(int)bad:X}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.";
    }

    /// <summary>"String", "Number" or "Binary" for a data type with an optional custom suffix, else null.</summary>
    private static string? KindOf(string dataType)
    {
        foreach (var kind in (string[])["String", "Number", "Binary"])
        {
            if (dataType == kind || (dataType.StartsWith(kind + ".", StringComparison.Ordinal) && dataType.Length > kind.Length + 1))
            {
                return kind;
            }
        }

        return null;
    }

    private static bool IsValidNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d));

    private static bool IsValidStringArray(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonArray array
                && array.All(item => item is null || (item is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The bytes the 256 KiB limit counts for the attributes: names, types and values.</summary>
    public static int Size(IReadOnlyDictionary<string, MessageAttribute> attributes) =>
        attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value.DataType)
            + (a.Value.StringValue is { } s ? Encoding.UTF8.GetByteCount(s) : a.Value.BinaryValue?.Length ?? 0));

    /// <summary>The notification JSON's <c>MessageAttributes</c>: <c>{"name":{"Type":"String","Value":"…"}}</c>, binary values base64.</summary>
    public static JsonObject ToNotificationJson(IReadOnlyDictionary<string, MessageAttribute> attributes)
    {
        var json = new JsonObject();
        foreach (var (name, attribute) in attributes)
        {
            json[name] = new JsonObject
            {
                ["Type"] = attribute.DataType,
                ["Value"] = attribute.StringValue ?? Convert.ToBase64String(attribute.BinaryValue ?? []),
            };
        }

        return json;
    }

    /// <summary>
    /// The attributes as the JSON object an attribute-scope filter policy matches: strings as strings, numbers
    /// as numbers, String.Array as the parsed array. Binary attributes are not matchable, so they are left out.
    /// </summary>
    public static JsonObject ToFilterInput(IReadOnlyDictionary<string, MessageAttribute> attributes)
    {
        var json = new JsonObject();
        foreach (var (name, attribute) in attributes)
        {
            if (attribute.StringValue is not { } text)
            {
                continue;
            }

            json[name] = attribute.DataType switch
            {
                "String.Array" => JsonNode.Parse(text),
                _ when attribute.DataType.StartsWith("Number", StringComparison.Ordinal) => ToNumber(text),
                _ => JsonValue.Create(text),
            };
        }

        return json;
    }

    private static JsonNode ToNumber(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? JsonValue.Create(m)
        : JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>
    /// SQS message attributes for raw delivery. SQS has no String.Array type, so [guess] it travels as a String
    /// holding the JSON array.
    /// </summary>
    public static Dictionary<string, MessageAttribute> ToQueueAttributes(IReadOnlyDictionary<string, MessageAttribute> attributes) =>
        attributes.ToDictionary(a => a.Key, a => a.Value.DataType == "String.Array" ? a.Value with { DataType = "String" } : a.Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^(?!\.)(?!.*\.$)(?!.*\.\.)[a-zA-Z0-9_\-.]+$")]
    private static partial Regex ValidName();
}
