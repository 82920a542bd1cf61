using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// The Rules section, checked before anything is created: for each rule whose <c>RuleCondition</c> holds (or that
/// has none), every <c>Assert</c> must hold, else the call fails with the assertion's <c>AssertDescription</c>
/// (CDK's <c>CheckBootstrapVersion</c> rule is the case that matters).
/// </summary>
public static class TemplateRules
{
    public static void Check(Template template, TemplateScope scope)
    {
        foreach (var (name, node) in template.Rules)
        {
            if (node is not JsonObject rule)
            {
                continue;
            }

            if (rule["RuleCondition"] is { } condition && !Holds(condition, scope, name))
            {
                continue;
            }

            foreach (var assertion in rule["Assertions"] as JsonArray ?? [])
            {
                if (assertion is JsonObject a && !Holds(a["Assert"], scope, name))
                {
                    throw new TemplateException((string?)a["AssertDescription"] ?? $"Template format error: Assertion of rule {name} failed");
                }
            }
        }
    }

    private static bool Holds(JsonNode? assertion, TemplateScope scope, string rule) =>
        Intrinsics.Resolve(assertion, scope) is JsonValue v && v.TryGetValue<bool>(out var holds)
            ? holds
            : throw new TemplateException($"Template format error: Every Assert in rule {rule} must evaluate to a boolean");
}
