using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>A parameter value as given or defaulted (<see cref="Value"/>) and as resolved for the template (<see cref="Resolved"/>).</summary>
/// <param name="Key">The parameter's logical name.</param>
/// <param name="Value">The value given or its default: what DescribeStacks shows (masked when <paramref name="NoEcho"/>).</param>
/// <param name="Resolved">What <c>Ref</c> returns: the value, a list for list types, the SSM parameter's value for SSM types.</param>
/// <param name="NoEcho">Whether the value is masked as <c>****</c> in descriptions.</param>
/// <param name="ResolvedValue">The SSM parameter's value, for SSM parameter types (DescribeStacks' <c>ResolvedValue</c>).</param>
public sealed record ParameterValue(string Key, string Value, JsonNode Resolved, bool NoEcho, string? ResolvedValue);

/// <summary>
/// The Parameters section: values checked against their declared type, AllowedValues, AllowedPattern and length and
/// value bounds, defaults applied, list types split, SSM parameter types (<c>AWS::SSM::Parameter::Value&lt;…&gt;</c>)
/// resolved from the emulator's local parameter table (there is no SSM service here).
/// </summary>
public static class TemplateParameters
{
    public static IReadOnlyList<ParameterValue> Resolve(Template template, IReadOnlyDictionary<string, string?> given, IReadOnlyDictionary<string, string> ssm)
    {
        var declared = template.Parameters;
        var unknown = given.Keys.Where(k => !declared.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new TemplateException($"Parameters: [{string.Join(", ", unknown)}] do not exist in the template");
        }

        var missing = declared.Where(p => !given.ContainsKey(p.Key) && (p.Value as JsonObject)?["Default"] is null).Select(p => p.Key).ToList();
        if (missing.Count > 0)
        {
            throw new TemplateException($"Parameters: [{string.Join(", ", missing)}] must have values");
        }

        var values = new List<ParameterValue>(declared.Count);
        foreach (var (key, node) in declared)
        {
            var definition = node as JsonObject ?? [];
            var type = (string?)definition["Type"] ?? throw new TemplateException($"Template format error: Every Parameters object must contain a Type member.");
            var value = given.TryGetValue(key, out var v) && v is not null ? v : Intrinsics.Text(definition["Default"], "Default");
            Check(key, type, value, definition);
            var noEcho = string.Equals(definition["NoEcho"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase);
            if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
            {
                var resolved = ssm.TryGetValue(value, out var found)
                    ? found
                    : throw new TemplateException($"Unable to fetch parameters [{value}] from parameter store for this account.");
                values.Add(new ParameterValue(key, value, type.Contains("List<", StringComparison.Ordinal) ? SplitList(resolved) : JsonValue.Create(resolved), noEcho, resolved));
            }
            else
            {
                values.Add(new ParameterValue(key, value, IsList(type) ? SplitList(value) : JsonValue.Create(value), noEcho, null));
            }
        }

        return values;
    }

    private static bool IsList(string type) => type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal);

    private static JsonArray SplitList(string value) =>
        value.Length == 0 ? [] : new JsonArray([.. value.Split(',').Select(s => (JsonNode)JsonValue.Create(s.Trim()))]);

    private static void Check(string key, string type, string value, JsonObject definition)
    {
        if (type == "Number" && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new TemplateException($"Parameter '{key}' must be a number.");
        }

        if (type == "List<Number>" && value.Split(',').Any(n => !double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new TemplateException($"Parameter '{key}' must be a number list.");
        }

        if (definition["AllowedValues"] is JsonArray allowed && !allowed.Any(a => Intrinsics.Text(a, "AllowedValues") == value))
        {
            throw new TemplateException($"Parameter '{key}' must be one of AllowedValues");
        }

        if ((string?)definition["AllowedPattern"] is { } pattern && !Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new TemplateException($"Parameter '{key}' must match pattern {pattern}");
        }

        if (Number(definition, "MinLength") is { } minLength && value.Length < minLength)
        {
            throw new TemplateException($"Parameter '{key}' must contain at least {minLength} characters");
        }

        if (Number(definition, "MaxLength") is { } maxLength && value.Length > maxLength)
        {
            throw new TemplateException($"Parameter '{key}' must contain at most {maxLength} characters");
        }

        if (type == "Number" && Number(definition, "MinValue") is { } min && double.Parse(value, CultureInfo.InvariantCulture) < min)
        {
            throw new TemplateException($"Parameter '{key}' must be a number not less than {min}");
        }

        if (type == "Number" && Number(definition, "MaxValue") is { } max && double.Parse(value, CultureInfo.InvariantCulture) > max)
        {
            throw new TemplateException($"Parameter '{key}' must be a number not greater than {max}");
        }
    }

    private static double? Number(JsonObject definition, string name) =>
        definition[name] is { } node && double.TryParse(Intrinsics.Text(node, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
