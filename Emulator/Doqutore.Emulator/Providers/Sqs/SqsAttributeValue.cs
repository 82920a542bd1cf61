using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>A message attribute as SQS keeps it: a data type (<c>String</c>, <c>Number.int</c>, <c>Binary.gz</c>) and its value.</summary>
/// <param name="DataType">The data type with its optional custom suffix.</param>
/// <param name="StringValue">The value of String and Number types.</param>
/// <param name="BinaryValue">The value of Binary types.</param>
internal sealed partial record SqsAttributeValue(string DataType, string? StringValue, byte[]? BinaryValue)
{
    public const int MaxAttributes = 10;

    public bool IsBinary => DataType.StartsWith("Binary", StringComparison.Ordinal);

    /// <summary>The bytes the attribute counts toward the message size: name, type and value.</summary>
    public int Size(string name) =>
        Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(DataType)
        + (IsBinary ? BinaryValue?.Length ?? 0 : Encoding.UTF8.GetByteCount(StringValue ?? string.Empty));

    /// <summary>The attribute in the protocol-neutral tree (<c>MessageAttributeValue</c>, blobs as base64).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["DataType"] = DataType };
        if (IsBinary)
        {
            json["BinaryValue"] = Convert.ToBase64String(BinaryValue ?? []);
        }
        else
        {
            json["StringValue"] = StringValue;
        }

        return json;
    }

    public MessageAttribute ToDelivery() => new(DataType, StringValue, BinaryValue);

    public static SqsAttributeValue FromDelivery(MessageAttribute attribute) => new(attribute.DataType, attribute.StringValue, attribute.BinaryValue);

    /// <summary>Reads and validates the <c>MessageAttributes</c> map of a send, with AWS's messages.</summary>
    public static Dictionary<string, SqsAttributeValue> ReadAll(JsonNode? node)
    {
        var result = new Dictionary<string, SqsAttributeValue>(StringComparer.Ordinal);
        if (node is not JsonObject map)
        {
            return result;
        }

        if (map.Count > MaxAttributes)
        {
            throw SqsErrors.InvalidParameterValue($"Number of message attributes [{map.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        }

        foreach (var (name, value) in map)
        {
            result[name] = Read(name, value as JsonObject ?? [], "message (user)");
        }

        return result;
    }

    /// <summary>Reads and validates the <c>MessageSystemAttributes</c> map: only <c>AWSTraceHeader</c>, a String.</summary>
    public static Dictionary<string, SqsAttributeValue> ReadSystem(JsonNode? node)
    {
        var result = new Dictionary<string, SqsAttributeValue>(StringComparer.Ordinal);
        if (node is not JsonObject map)
        {
            return result;
        }

        foreach (var (name, value) in map)
        {
            if (name != "AWSTraceHeader")
            {
                // [guess] wording
                throw SqsErrors.InvalidParameterValue($"Message system attribute name '{name}' is invalid.");
            }

            var attribute = Read(name, value as JsonObject ?? [], "message system");
            if (attribute.DataType != "String")
            {
                throw SqsErrors.InvalidParameterValue($"The message system attribute '{name}' must be of type 'String'.");
            }

            result[name] = attribute;
        }

        return result;
    }

    private static SqsAttributeValue Read(string name, JsonObject value, string kind)
    {
        CheckName(name, kind);
        var dataType = Text(value, "DataType");
        if (string.IsNullOrEmpty(dataType))
        {
            throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute type.");
        }

        var baseType = dataType.Split('.')[0];
        if (baseType is not ("String" or "Number" or "Binary") || dataType.Length > 256)
        {
            throw SqsErrors.InvalidParameterValue(
                $"The type of {kind} attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
        }

        if (value["StringListValues"] is JsonArray { Count: > 0 } || value["BinaryListValues"] is JsonArray { Count: > 0 })
        {
            // The list members are reserved by AWS and refused. [guess] wording
            throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' uses list values, which are not supported.");
        }

        if (baseType == "Binary")
        {
            var base64 = Text(value, "BinaryValue");
            if (base64 is null || Text(value, "StringValue") is not null)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' with type 'Binary' must use field 'Binary'.");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' with type 'Binary' must use field 'Binary'.");
            }

            if (bytes.Length == 0)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type 'Binary'.");
            }

            return new SqsAttributeValue(dataType, null, bytes);
        }

        var text = Text(value, "StringValue");
        if (text is null || Text(value, "BinaryValue") is not null)
        {
            throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' with type '{baseType}' must use field 'String'.");
        }

        if (text.Length == 0)
        {
            throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{baseType}'.");
        }

        if (baseType == "Number" && !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw SqsErrors.InvalidParameterValue($"Can't cast the value of message (user) attribute '{name}' to a number.");
        }

        MessageBodies.CheckCharacters(text, $"message attribute '{name}'");
        return new SqsAttributeValue(dataType, text, null);
    }

    /// <summary>Names: 1–256 of <c>[A-Za-z0-9_.-]</c>, no leading, trailing or doubled period, not starting with AWS. or Amazon.</summary>
    private static void CheckName(string name, string kind)
    {
        if (name.Length is 0 or > 256 || !NameRegex().IsMatch(name) || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw SqsErrors.InvalidParameterValue($"The {kind} attribute name '{name}' is invalid. Attribute names can contain only A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.).");
        }

        if (kind != "message system"
            && (name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase)))
        {
            throw SqsErrors.InvalidParameterValue($"You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use by AWS. Name: {name}");
        }
    }

    private static string? Text(JsonObject value, string member) =>
        value[member] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex NameRegex();
}
