using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// YAML templates to the JSON tree: a short-form tag (<c>!Ref X</c>, <c>!GetAtt A.B</c>, <c>!Sub ...</c>) becomes
/// its long form (<c>{"Ref": "X"}</c>, <c>{"Fn::GetAtt": ["A", "B"]}</c>). Plain scalars stay strings, as
/// CloudFormation reads them (it converts to the property's type itself), except that <c>true</c>/<c>false</c>
/// and numbers keep their YAML type so that <c>Fn::Equals</c> compares as in JSON templates.
/// </summary>
internal static class TemplateYaml
{
    public static JsonNode? Parse(string body)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(body));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlMappingNode map => Mapping(map),
            YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return value;
        }

        var name = tag[1..];
        if (name == "Ref" || name == "Condition")
        {
            return new JsonObject { [name] = value };
        }

        if (name == "GetAtt" && value is JsonValue dotted && (string?)dotted is { } text)
        {
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            value = dot < 0 ? value : new JsonArray(text[..dot], text[(dot + 1)..]);
        }

        return new JsonObject { ["Fn::" + name] = value };
    }

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw new TemplateException("Template format error: YAML not well-formed. Mapping keys must be scalars.");
            if (obj.ContainsKey(name))
            {
                throw new TemplateException($"Template format error: YAML not well-formed. Duplicate key {name}.");
            }

            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "true" or "True" or "false" or "False")
        {
            return JsonValue.Create(bool.Parse(text));
        }

        if (text is "null" or "~" || (text.Length == 0 && scalar.Tag.IsEmpty))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole) : JsonValue.Create(text);
    }
}
