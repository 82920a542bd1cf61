using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// Evaluates CloudFormation's intrinsic functions in a template value: <c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>
/// (both forms), <c>Fn::Join</c>, <c>Fn::Select</c>, <c>Fn::Split</c>, <c>Fn::If</c>, <c>Fn::FindInMap</c>,
/// <c>Fn::ImportValue</c>, <c>Fn::Base64</c>, <c>Fn::GetAZs</c>, <c>Fn::Cidr</c>, the condition functions
/// (<c>Fn::Equals</c>, <c>Fn::And</c>, <c>Fn::Or</c>, <c>Fn::Not</c>, <c>Condition</c>) and the rule functions
/// (<c>Fn::Contains</c>, <c>Fn::EachMemberEquals</c>, <c>Fn::EachMemberIn</c>, <c>Fn::RefAll</c>). A value that
/// resolves to <c>AWS::NoValue</c> disappears from its object or list, as in AWS. Problems throw
/// <see cref="TemplateException"/> with AWS's wording where known.
/// </summary>
public static class Intrinsics
{
    /// <summary>Resolves every intrinsic function in <paramref name="node"/>; null when the whole value is <c>AWS::NoValue</c>.</summary>
    public static JsonNode? Resolve(JsonNode? node, TemplateScope scope)
    {
        var resolved = Evaluate(node, scope);
        return ReferenceEquals(resolved, NoValueMarker) ? null : resolved;
    }

    /// <summary>Whether a condition (a name or a condition function) holds.</summary>
    public static bool Condition(string name, TemplateScope scope)
    {
        if (scope.ConditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (scope.ConditionDefinitions[name] is not { } definition)
        {
            throw new TemplateException($"Template format error: Unresolved dependencies [{name}]. Cannot reference resources in the Conditions block of the template");
        }

        if (!scope.ConditionsInProgress.Add(name))
        {
            throw new TemplateException($"Template format error: Circular dependency between conditions: [{name}]");
        }

        var value = Truth(Evaluate(definition, scope), "Condition " + name);
        scope.ConditionsInProgress.Remove(name);
        scope.ConditionValues[name] = value;
        return value;
    }

    /// <summary>A scalar as CloudFormation turns it into a string (numbers and booleans by their JSON text).</summary>
    public static string Text(JsonNode? node, string function) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string)v!,
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => throw new TemplateException($"Template error: every {function} object requires a string value, not {Describe(node)}"),
    };

    private static readonly JsonValue NoValueMarker = JsonValue.Create("<AWS::NoValue>");

    private static JsonNode? Evaluate(JsonNode? node, TemplateScope scope)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && IsFunction(obj.First().Key):
                var (name, argument) = obj.First();
                return Function(name, argument, scope);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var resolved = Evaluate(value, scope);
                    if (!ReferenceEquals(resolved, NoValueMarker))
                    {
                        result[key] = resolved?.DeepClone();
                    }
                }

                return result;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    var resolved = Evaluate(item, scope);
                    if (!ReferenceEquals(resolved, NoValueMarker))
                    {
                        items.Add(resolved?.DeepClone());
                    }
                }

                return items;
            default:
                return node?.DeepClone();
        }
    }

    internal static bool IsFunction(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private static JsonNode? Function(string name, JsonNode? argument, TemplateScope scope) => name switch
    {
        "Ref" => Ref(Text(argument, "Ref"), scope),
        "Condition" => Condition(Text(argument, "Condition"), scope),
        "Fn::GetAtt" => GetAtt(argument, scope),
        "Fn::Sub" => Sub(argument, scope),
        "Fn::Join" => Join(argument, scope),
        "Fn::Select" => Select(argument, scope),
        "Fn::Split" => Split(argument, scope),
        "Fn::If" => If(argument, scope),
        "Fn::FindInMap" => FindInMap(argument, scope),
        "Fn::ImportValue" => ImportValue(argument, scope),
        "Fn::Base64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Evaluate(argument, scope), name))),
        "Fn::GetAZs" => GetAzs(argument, scope),
        "Fn::Cidr" => Cidr(argument, scope),
        "Fn::Equals" => Equals(argument, scope),
        "Fn::And" => Args(argument, name, 2, 10).All(c => Truth(Evaluate(c, scope), name)),
        "Fn::Or" => Args(argument, name, 2, 10).Any(c => Truth(Evaluate(c, scope), name)),
        "Fn::Not" => !Truth(Evaluate(Args(argument, name, 1, 1)[0], scope), name),
        "Fn::Contains" => Contains(argument, scope),
        "Fn::EachMemberEquals" => EachMember(argument, scope, (value, other) => Same(value, other)),
        "Fn::EachMemberIn" => EachMember(argument, scope, (value, others) => others is JsonArray list && list.Any(o => Same(value, o))),
        "Fn::RefAll" => new JsonArray(),
        "Fn::ValueOf" or "Fn::ValueOfAll" => new JsonArray(),
        _ => throw new TemplateException($"Template format error: Unrecognized function name: {name}"),
    };

    private static JsonNode? Ref(string name, TemplateScope scope)
    {
        if (name == PseudoParameters.NoValue)
        {
            return NoValueMarker;
        }

        if (PseudoParameters.IsPseudo(name))
        {
            return PseudoParameters.Value(name, scope);
        }

        if (scope.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter.DeepClone();
        }

        if (scope.ResourceRef(name) is { } physicalId)
        {
            return physicalId;
        }

        throw new TemplateException(scope.ResourceNames.Contains(name)
            ? $"Template error: resource {name} has no physical id yet"
            : $"Template format error: Unresolved resource dependencies [{name}] in the Resources block of the template");
    }

    private static JsonNode? GetAtt(JsonNode? argument, TemplateScope scope)
    {
        string resource, attribute;
        if (argument is JsonValue dotted && (string?)dotted is { } text && text.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot)
        {
            (resource, attribute) = (text[..dot], text[(dot + 1)..]);
        }
        else
        {
            var args = Args(argument, "Fn::GetAtt", 2, 2);
            (resource, attribute) = (Text(args[0], "Fn::GetAtt"), Text(Evaluate(args[1], scope), "Fn::GetAtt"));
        }

        if (!scope.ResourceNames.Contains(resource))
        {
            throw new TemplateException($"Template error: instance of Fn::GetAtt references undefined resource {resource}");
        }

        return scope.ResourceAttribute(resource, attribute)?.DeepClone()
            ?? throw new TemplateException($"Template error: resource {resource} does not support attribute type {attribute} in Fn::GetAtt");
    }

    private static string Sub(JsonNode? argument, TemplateScope scope)
    {
        string text;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (argument is JsonArray array)
        {
            var args = Args(array, "Fn::Sub", 2, 2);
            text = Text(args[0], "Fn::Sub");
            if (args[1] is not JsonObject map)
            {
                throw new TemplateException("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string");
            }

            foreach (var (key, value) in map)
            {
                variables[key] = Text(Evaluate(value, scope), "Fn::Sub");
            }
        }
        else
        {
            text = Text(argument, "Fn::Sub");
        }

        return SubTemplate.Replace(text, variable =>
        {
            if (variables.TryGetValue(variable, out var value))
            {
                return value;
            }

            var dot = variable.IndexOf('.', StringComparison.Ordinal);
            var resolved = dot > 0 && !PseudoParameters.IsPseudo(variable)
                ? GetAtt(new JsonArray(variable[..dot], variable[(dot + 1)..]), scope)
                : Ref(variable, scope);
            return Text(resolved, "Fn::Sub");
        });
    }

    private static string Join(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::Join", 2, 2);
        var delimiter = Text(args[0], "Fn::Join");
        if (Evaluate(args[1], scope) is not JsonArray values)
        {
            throw new TemplateException("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.");
        }

        return string.Join(delimiter, values.Select(v => Text(v, "Fn::Join")));
    }

    private static JsonNode? Select(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::Select", 2, 2);
        var indexText = Text(Evaluate(args[0], scope), "Fn::Select");
        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || Evaluate(args[1], scope) is not JsonArray list)
        {
            throw new TemplateException("Template error: Fn::Select requires a list argument with two elements: an integer index and a list");
        }

        return index < list.Count ? list[index]?.DeepClone() : throw new TemplateException("Template error: Fn::Select cannot select nonexistent value at index " + index);
    }

    private static JsonArray Split(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::Split", 2, 2);
        var delimiter = Text(args[0], "Fn::Split");
        var source = Text(Evaluate(args[1], scope), "Fn::Split");
        return new JsonArray([.. source.Split(delimiter).Select(s => (JsonNode)JsonValue.Create(s))]);
    }

    private static JsonNode? If(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::If", 3, 3);
        return Evaluate(Condition(Text(args[0], "Fn::If"), scope) ? args[1] : args[2], scope);
    }

    private static JsonNode? FindInMap(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::FindInMap", 3, 4);
        var map = Text(Evaluate(args[0], scope), "Fn::FindInMap");
        var top = Text(Evaluate(args[1], scope), "Fn::FindInMap");
        var second = Text(Evaluate(args[2], scope), "Fn::FindInMap");
        if (scope.Mappings[map] is not JsonObject mapping)
        {
            throw new TemplateException($"Template error: Unable to get mapping for {map}::{top}::{second}");
        }

        return (mapping[top] as JsonObject)?[second]?.DeepClone()
            ?? throw new TemplateException($"Template error: Unable to get mapping for {map}::{top}::{second}");
    }

    private static string ImportValue(JsonNode? argument, TemplateScope scope)
    {
        var name = Text(Evaluate(argument, scope), "Fn::ImportValue");
        return scope.ImportValue(name) ?? throw new TemplateException($"No export named {name} found. Rollback requested by user.");
    }

    private static JsonArray GetAzs(JsonNode? argument, TemplateScope scope)
    {
        var region = Text(Evaluate(argument, scope), "Fn::GetAZs");
        region = region.Length == 0 ? scope.Region : region;
        return [region + "a", region + "b", region + "c"];
    }

    private static JsonArray Cidr(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::Cidr", 3, 3);
        var block = Text(Evaluate(args[0], scope), "Fn::Cidr").Split('/');
        var count = int.Parse(Text(Evaluate(args[1], scope), "Fn::Cidr"), CultureInfo.InvariantCulture);
        var hostBits = int.Parse(Text(Evaluate(args[2], scope), "Fn::Cidr"), CultureInfo.InvariantCulture);
        if (block.Length != 2 || !System.Net.IPAddress.TryParse(block[0], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new TemplateException("Template error: Fn::Cidr requires an IPv4 CIDR block (IPv6 is not emulated)");
        }

        var bytes = address.GetAddressBytes();
        var start = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var subnet = start + (uint)(i << hostBits);
            result.Add($"{subnet >> 24}.{(subnet >> 16) & 255}.{(subnet >> 8) & 255}.{subnet & 255}/{32 - hostBits}");
        }

        return result;
    }

    private static bool Equals(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::Equals", 2, 2);
        return Same(Evaluate(args[0], scope), Evaluate(args[1], scope));
    }

    private static bool Contains(JsonNode? argument, TemplateScope scope)
    {
        var args = Args(argument, "Fn::Contains", 2, 2);
        var value = Evaluate(args[1], scope);
        return Evaluate(args[0], scope) is JsonArray list && list.Any(item => Same(item, value));
    }

    private static bool EachMember(JsonNode? argument, TemplateScope scope, Func<JsonNode?, JsonNode?, bool> test)
    {
        var args = Args(argument, "Fn::EachMember", 2, 2);
        var other = Evaluate(args[1], scope);
        return Evaluate(args[0], scope) is not JsonArray list || list.All(item => test(item, other));
    }

    /// <summary>Values compare as CloudFormation compares them: scalars by their string form ("1" equals 1, "true" equals true).</summary>
    private static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (JsonValue x, JsonValue y) => Text(x, "Fn::Equals") == Text(y, "Fn::Equals"),
        (null, null) => true,
        _ => JsonNode.DeepEquals(a, b),
    };

    private static bool Truth(JsonNode? value, string function) => value switch
    {
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (bool)v,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && bool.TryParse((string?)v, out var parsed) => parsed,
        _ => throw new TemplateException($"Template format error: {function} must evaluate to a boolean, not {Describe(value)}"),
    };

    private static JsonArray Args(JsonNode? argument, string function, int min, int max) =>
        argument is JsonArray array && array.Count >= min && array.Count <= max
            ? array
            : throw new TemplateException($"Template error: {function} requires a list of {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"{min} to {max}")} arguments");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.ToJsonString(),
    };
}
