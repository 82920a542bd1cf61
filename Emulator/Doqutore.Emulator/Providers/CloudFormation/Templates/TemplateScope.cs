using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Templates;

/// <summary>
/// What intrinsic functions resolve against during one deployment: pseudo parameters, parameter values, mappings,
/// condition values and the resources created so far.
/// </summary>
public sealed class TemplateScope
{
    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string StackName { get; init; }

    public required string StackId { get; init; }

    /// <summary>Resolved parameter values: strings, or arrays for list types.</summary>
    public IReadOnlyDictionary<string, JsonNode> Parameters { get; init; } = new Dictionary<string, JsonNode>();

    public JsonObject Mappings { get; init; } = [];

    /// <summary>The template's Conditions section, evaluated on first use into <see cref="ConditionValues"/>.</summary>
    public JsonObject ConditionDefinitions { get; init; } = [];

    internal Dictionary<string, bool> ConditionValues { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> ConditionsInProgress { get; } = new(StringComparer.Ordinal);

    /// <summary>The logical ids the template declares (and whose conditions hold): a <c>Ref</c> to one is a resource reference.</summary>
    public IReadOnlySet<string> ResourceNames { get; init; } = new HashSet<string>();

    /// <summary>The physical id (what <c>Ref</c> returns) of a created resource, or null if it has none yet.</summary>
    public Func<string, string?> ResourceRef { get; init; } = _ => null;

    /// <summary>An attribute of a created resource for <c>Fn::GetAtt</c>, or null if it has no such attribute.</summary>
    public Func<string, string, JsonNode?> ResourceAttribute { get; init; } = (_, _) => null;

    /// <summary>The value of an export for <c>Fn::ImportValue</c>, or null if nothing exports that name.</summary>
    public Func<string, string?> ImportValue { get; init; } = _ => null;

    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}
