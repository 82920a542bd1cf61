using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>A policy the simulator evaluates, with the id and type its matched statements are reported under.</summary>
/// <param name="Document">The compiled document.</param>
/// <param name="Id">SourcePolicyId: <c>PolicyInputList.1</c>, an inline policy's name, a managed policy's ARN.</param>
/// <param name="Type">SourcePolicyType: <c>IAM Policy</c> for input lists, <c>user</c>/<c>group</c>/<c>role</c>, <c>aws-managed</c>/<c>user-managed</c>, <c>permissions-boundary</c>, <c>resource</c>.</param>
internal sealed record SimulationPolicy(PolicyDocument Document, string Id, string Type);

/// <summary>Reads the simulator's policy inputs and a principal's stored policies as <see cref="SimulationPolicy"/>s.</summary>
internal static class SimulationPolicies
{
    /// <summary>The documents of a <c>PolicyInputList</c>-like member, identified as <c>Member.N</c> (1-based).</summary>
    public static List<SimulationPolicy> Inputs(IReadOnlyList<string> documents, string member)
    {
        var policies = new List<SimulationPolicy>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            // "IAM Policy" is what the AWS CLI shows for input-list policies (unverified against the API).
            policies.Add(new SimulationPolicy(Parse(documents[i], PolicyDocumentKind.Identity), $"{member}.{i + 1}", "IAM Policy"));
        }

        return policies;
    }

    /// <summary>The stored policies of a user (its groups' too), group or role, then the extra inputs.</summary>
    public static List<SimulationPolicy> Of(IamIdentityPolicies identity, IReadOnlyList<SimulationPolicy> extra)
    {
        var policies = new List<SimulationPolicy>();
        foreach (var record in identity.Policies)
        {
            var type = record.Source == IamPolicySource.Managed
                ? (record.Id.StartsWith("arn:aws:iam::aws:", StringComparison.Ordinal) ? "aws-managed" : "user-managed")
                : EntityKind(record.OwnerArn);
            policies.Add(new SimulationPolicy(PolicyDocument.Parse(record.Document), record.Id, type));
        }

        policies.AddRange(extra);
        return policies;
    }

    /// <summary>
    /// Parses a simulator input. An identity policy naming a principal is the simulator's <c>InvalidInput</c>
    /// (not <c>MalformedPolicyDocument</c>, which the parser would answer); anything else malformed is.
    /// </summary>
    public static PolicyDocument Parse(string text, PolicyDocumentKind kind)
    {
        if (kind == PolicyDocumentKind.Identity && NamesPrincipal(text))
        {
            throw IamErrors.InvalidInput("Policies in PolicyInputList must not contain a Principal element.");
        }

        return PolicyDocument.Parse(text, kind);
    }

    private static bool NamesPrincipal(string text)
    {
        try
        {
            var statement = (JsonNode.Parse(text) as JsonObject)?["Statement"];
            var statements = statement is JsonArray array ? array.ToArray() : [statement];
            return statements.Any(s => s is JsonObject o && (o.ContainsKey("Principal") || o.ContainsKey("NotPrincipal")));
        }
        catch (JsonException)
        {
            // Not JSON: the parser answers MalformedPolicyDocument.
            return false;
        }
    }

    private static string EntityKind(string ownerArn) =>
        ownerArn.Contains(":group/", StringComparison.Ordinal) ? "group"
        : ownerArn.Contains(":role/", StringComparison.Ordinal) ? "role"
        : "user";
}
