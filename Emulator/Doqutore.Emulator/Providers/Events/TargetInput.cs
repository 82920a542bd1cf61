using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// What a target receives for an event: the whole event; or the constant <c>Input</c>; or the part of the
/// event <c>InputPath</c> selects; or the <c>InputTransformer</c>'s template filled in.
/// </summary>
/// <remarks>
/// Template rules, after AWS's input-transformer guide: placeholders are <c>&lt;name&gt;</c> for a name of
/// <c>InputPathsMap</c> or a reserved <c>aws.events.*</c> variable; any other <c>&lt;…&gt;</c> is plain text.
/// Values are not escaped. Inside a JSON string of the template a string value goes in as its bare text;
/// elsewhere a value goes in as JSON (strings quoted, objects and arrays as JSON text). A path missing from
/// the event leaves its variable undefined: it contributes nothing to the output.
/// </remarks>
public static class TargetInput
{
    public const string RuleArnVariable = "aws.events.rule-arn";
    public const string RuleNameVariable = "aws.events.rule-name";
    public const string IngestionTimeVariable = "aws.events.event.ingestion-time";
    public const string EventVariable = "aws.events.event";
    public const string EventJsonVariable = "aws.events.event.json";

    public static readonly string[] Reserved = [RuleArnVariable, RuleNameVariable, IngestionTimeVariable, EventVariable, EventJsonVariable];

    /// <summary>The target's input for <paramref name="envelope"/> matched by the rule <paramref name="ruleArn"/>.</summary>
    public static string Render(EventTarget target, JsonObject envelope, string ruleArn, string ruleName, DateTimeOffset ingestionTime)
    {
        if (target.Input is not null)
        {
            return target.Input;
        }

        if (target.InputPath is not null)
        {
            var selected = JsonPath.TryParse(target.InputPath)?.Select(envelope, out _);

            // [guess] A path that selects nothing sends JSON null.
            return selected?.ToJsonString() ?? "null";
        }

        if (target.Transformer is { } transformer)
        {
            return Transform(transformer, envelope, ruleArn, ruleName, ingestionTime);
        }

        return envelope.ToJsonString();
    }

    public static string Transform(InputTransformer transformer, JsonObject envelope, string ruleArn, string ruleName, DateTimeOffset ingestionTime)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, path) in transformer.PathsMap)
        {
            var found = false;
            var value = JsonPath.TryParse(path)?.Select(envelope, out found);
            if (found)
            {
                values[name] = value;
            }

            defined.Add(name);
        }

        values[RuleArnVariable] = ruleArn;
        values[RuleNameVariable] = ruleName;
        values[IngestionTimeVariable] = ingestionTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var withoutDetail = envelope.DeepClone().AsObject();
        withoutDetail.Remove("detail");
        values[EventVariable] = withoutDetail;
        values[EventJsonVariable] = envelope;
        defined.UnionWith(Reserved);
        return Fill(transformer.Template, defined, values);
    }

    private static string Fill(string template, HashSet<string> defined, Dictionary<string, JsonNode?> values)
    {
        var output = new StringBuilder(template.Length);
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && inString && i + 1 < template.Length)
            {
                output.Append(c).Append(template[++i]);
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }
            else if (c == '<' && template.IndexOf('>', i + 1) is var end and > 0 && template[(i + 1)..end] is var name && defined.Contains(name))
            {
                if (values.TryGetValue(name, out var value))
                {
                    output.Append(inString && value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "null");
                }

                i = end;
                continue;
            }

            output.Append(c);
        }

        return output.ToString();
    }

    /// <summary>The placeholder names of a template (everything written <c>&lt;name&gt;</c> without spaces).</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        for (var i = template.IndexOf('<', StringComparison.Ordinal); i >= 0; i = template.IndexOf('<', i + 1))
        {
            var end = template.IndexOf('>', i + 1);
            if (end < 0)
            {
                yield break;
            }

            var name = template[(i + 1)..end];
            if (name.Length > 0 && !name.Any(char.IsWhiteSpace) && name.IndexOf('<', StringComparison.Ordinal) < 0)
            {
                yield return name;
            }
        }
    }
}
