using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.CloudFormation.Resources;
using Doqutore.Emulator.Providers.CloudFormation.Templates;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// A template made ready to apply, with every check AWS makes before a stack operation starts (so their failures are
/// answered synchronously as ValidationError): parameters, rules, recognized resource types, references that resolve
/// to a parameter, pseudo parameter or resource, and a dependency order without cycles. Resources whose
/// <c>Condition</c> is false are left out.
/// </summary>
public sealed class DeploymentPlan
{
    private DeploymentPlan(Template template, IReadOnlyList<ParameterValue> parameters, Dictionary<string, JsonObject> resources, Dictionary<string, IReadOnlySet<string>> graph, IReadOnlyList<string> order, Target target)
    {
        Template = template;
        Parameters = parameters;
        Resources = resources;
        Graph = graph;
        Order = order;
        _target = target;
    }

    private readonly Target _target;

    public Template Template { get; }

    public IReadOnlyList<ParameterValue> Parameters { get; }

    /// <summary>The definitions of the resources to create, by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources { get; }

    public IReadOnlyDictionary<string, IReadOnlySet<string>> Graph { get; }

    /// <summary>Creation order: each resource after those it depends on.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Identifies the stack a plan is for.</summary>
    public sealed record Target(string StackName, string StackId, string AccountId, string Region);

    public static DeploymentPlan Prepare(Template template, IReadOnlyDictionary<string, string?> given, IReadOnlyDictionary<string, string> ssm, Target target, ResourceTypes types)
    {
        var parameters = TemplateParameters.Resolve(template, given, ssm);
        var parameterValues = parameters.ToDictionary(p => p.Key, p => p.Resolved, StringComparer.Ordinal);
        var declared = template.Resources;
        var unrecognized = declared.Select(r => (string)r.Value!["Type"]!).Where(t => !types.IsRecognized(t)).Distinct().ToList();
        if (unrecognized.Count > 0)
        {
            throw new TemplateException($"Template format error: Unrecognized resource types: [{string.Join(", ", unrecognized)}]");
        }

        TemplateScope NewScope(IReadOnlySet<string> names) => ScopeFor(template, target, parameterValues, names);

        var conditionScope = NewScope(new HashSet<string>());
        foreach (var (name, _) in template.Conditions)
        {
            Intrinsics.Condition(name, conditionScope);
        }

        TemplateRules.Check(template, conditionScope);

        var resources = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (logicalId, node) in declared)
        {
            var definition = (JsonObject)node!;
            if ((string?)definition["Condition"] is { } condition && !Intrinsics.Condition(condition, conditionScope))
            {
                continue;
            }

            resources[logicalId] = definition;
        }

        var names = resources.Keys.ToHashSet(StringComparer.Ordinal);
        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (logicalId, definition) in resources)
        {
            foreach (var name in Dependencies.DependsOn(definition).Concat(Dependencies.Referenced(definition["Properties"])))
            {
                if (!names.Contains(name) && !parameterValues.ContainsKey(name) && !PseudoParameters.IsPseudo(name))
                {
                    unresolved.Add(name);
                }
            }

            graph[logicalId] = Dependencies.Of(definition, names);
        }

        foreach (var (_, output) in template.Outputs)
        {
            if (output is JsonObject o && ((string?)o["Condition"] is not { } c || Intrinsics.Condition(c, conditionScope)))
            {
                unresolved.UnionWith(Dependencies.Referenced(o).Where(n => !names.Contains(n) && !parameterValues.ContainsKey(n) && !PseudoParameters.IsPseudo(n)));
            }
        }

        if (unresolved.Count > 0)
        {
            throw new TemplateException($"Template format error: Unresolved resource dependencies [{string.Join(", ", unresolved)}] in the Resources block of the template");
        }

        var order = Dependencies.Order(graph);
        return new DeploymentPlan(template, parameters, resources, graph, order, target);
    }

    /// <summary>A scope for resolving properties and outputs against the resources created so far.</summary>
    public TemplateScope Scope(Func<string, string?> refs, Func<string, string, JsonNode?> attributes, Func<string, string?> imports) =>
        ScopeFor(Template, _target, Parameters.ToDictionary(p => p.Key, p => p.Resolved, StringComparer.Ordinal), Resources.Keys.ToHashSet(StringComparer.Ordinal), refs, attributes, imports);

    private static TemplateScope ScopeFor(
        Template template,
        Target target,
        IReadOnlyDictionary<string, JsonNode> parameters,
        IReadOnlySet<string> names,
        Func<string, string?>? refs = null,
        Func<string, string, JsonNode?>? attributes = null,
        Func<string, string?>? imports = null) => new()
    {
        AccountId = target.AccountId,
        Region = target.Region,
        StackName = target.StackName,
        StackId = target.StackId,
        Parameters = parameters,
        Mappings = template.Mappings,
        ConditionDefinitions = template.Conditions,
        ResourceNames = names,
        ResourceRef = refs ?? (_ => null),
        ResourceAttribute = attributes ?? ((_, _) => null),
        ImportValue = imports ?? (_ => null),
    };
}
