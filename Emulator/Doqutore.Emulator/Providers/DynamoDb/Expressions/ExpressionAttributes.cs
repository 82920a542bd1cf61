using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>
/// The request's ExpressionAttributeNames and ExpressionAttributeValues, shared by all expressions of one request:
/// every placeholder an expression uses is crossed off, and after parsing them all <see cref="CheckAllUsed"/> reports
/// the leftovers with AWS's "Value provided in ... unused in expressions" message.
/// </summary>
internal sealed partial class ExpressionAttributes
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> values = new(StringComparer.Ordinal);
    private readonly List<string> unusedNames = [];
    private readonly List<string> unusedValues = [];

    /// <summary>Reads and checks the placeholder maps (keys must look like <c>#x</c> / <c>:x</c>; maps must not be empty).</summary>
    public ExpressionAttributes(JsonObject? names, JsonObject? values)
    {
        if (names is not null)
        {
            if (names.Count == 0)
            {
                throw new ExpressionException("ExpressionAttributeNames must not be empty");
            }

            foreach (var (key, value) in names)
            {
                if (!NameKey().IsMatch(key))
                {
                    throw new ExpressionException($"ExpressionAttributeNames contains invalid key: Syntax error; key: \"{key}\"");
                }

                this.names[key] = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)value! : string.Empty;
                unusedNames.Add(key);
            }
        }

        if (values is not null)
        {
            if (values.Count == 0)
            {
                throw new ExpressionException("ExpressionAttributeValues must not be empty");
            }

            foreach (var (key, value) in values)
            {
                if (!ValueKey().IsMatch(key))
                {
                    throw new ExpressionException($"ExpressionAttributeValues contains invalid key: Syntax error; key: \"{key}\"");
                }

                var problem = value is JsonObject attribute ? AttributeValues.Validate(attribute) : "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
                if (problem is not null)
                {
                    throw new ExpressionException($"ExpressionAttributeValues contains invalid value: {problem} for key {key}");
                }

                this.values[key] = (JsonObject)value!;
                unusedValues.Add(key);
            }
        }
    }

    /// <summary>An instance with no placeholders.</summary>
    public static ExpressionAttributes None { get; } = new(null, null);

    public string? ResolveName(string placeholder)
    {
        if (!names.TryGetValue(placeholder, out var name))
        {
            return null;
        }

        unusedNames.Remove(placeholder);
        return name;
    }

    public JsonObject? ResolveValue(string placeholder)
    {
        if (!values.TryGetValue(placeholder, out var value))
        {
            return null;
        }

        unusedValues.Remove(placeholder);
        return value;
    }

    /// <summary>Throws AWS's error when a name or value placeholder was given but no expression used it.</summary>
    public void CheckAllUsed()
    {
        if (unusedNames.Count > 0)
        {
            throw new ExpressionException($"Value provided in ExpressionAttributeNames unused in expressions: keys: {{{string.Join(", ", unusedNames)}}}");
        }

        if (unusedValues.Count > 0)
        {
            throw new ExpressionException($"Value provided in ExpressionAttributeValues unused in expressions: keys: {{{string.Join(", ", unusedValues)}}}");
        }
    }

    [GeneratedRegex("^#[0-9a-zA-Z_]+$")]
    private static partial Regex NameKey();

    [GeneratedRegex("^:[0-9a-zA-Z_]+$")]
    private static partial Regex ValueKey();
}
