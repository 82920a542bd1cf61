using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

/// <summary>
/// Reads <c>Cases/decisions.json</c>, whose format knows nothing of the engine (the same cases are meant to
/// run through SimulatePrincipalPolicy and real requests), and turns a case into an <see cref="AuthorizationRequest"/>.
/// </summary>
internal static class DecisionCases
{
    private static readonly Lazy<JsonObject> File = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Authorization", "Cases", "decisions.json")))!.AsObject());

    public static IEnumerable<string> Names() => File.Value["cases"]!.AsArray().Select(c => (string)c!["name"]!);

    public static JsonObject Get(string name) =>
        File.Value["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!.AsObject();

    public static AuthorizationRequest ToRequest(JsonObject testCase)
    {
        var principal = Principal(File.Value["principals"]![(string)testCase["principal"]!]!.AsObject());
        var resources = testCase["resources"]!.AsArray().Select(r => (string)r!).ToArray();
        var context = new RequestContextKeys();
        foreach (var (key, value) in testCase["context"]?.AsObject() ?? [])
        {
            context.Set(key, value is JsonArray many ? [.. many.Select(v => (string)v!)] : [(string)value!]);
        }

        var isTrust = (bool?)testCase["resourcePolicyIsRoleTrust"] ?? false;
        return new AuthorizationRequest(principal, (string)testCase["action"]!, resources)
        {
            Context = context,
            IdentityPolicies = Documents(testCase["identityPolicies"]) ?? [],
            PermissionsBoundary = Document(testCase["permissionsBoundary"], PolicyDocumentKind.Identity),
            SessionPolicies = Documents(testCase["sessionPolicies"]),
            ResourcePolicy = Document(testCase["resourcePolicy"], isTrust ? PolicyDocumentKind.RoleTrust : PolicyDocumentKind.Resource),
            ResourcePolicyIsRoleTrust = isTrust,
        };
    }

    public static Decision ExpectedDecision(JsonObject testCase) => Enum.Parse<Decision>((string)testCase["expect"]!["decision"]!);

    public static PolicyType ExpectedDecidedBy(JsonObject testCase) => (string)testCase["expect"]!["decidedBy"]! switch
    {
        "identity" => PolicyType.IdentityBased,
        "resource" => PolicyType.ResourceBased,
        "boundary" => PolicyType.PermissionsBoundary,
        "session" => PolicyType.SessionPolicy,
        "trust" => PolicyType.RoleTrustPolicy,
        "none" => PolicyType.None,
        var other => throw new InvalidDataException($"Unknown decidedBy '{other}'."),
    };

    private static RequestPrincipal Principal(JsonObject node)
    {
        var arn = (string)node["arn"]!;
        var kind = Enum.Parse<PrincipalKind>((string)node["type"]! == "AssumedRole" ? nameof(PrincipalKind.AssumedRole) : (string)node["type"]!);
        var account = arn.Contains("::", StringComparison.Ordinal) ? arn.Split(':')[4] : (string)File.Value["account"]!;
        return new RequestPrincipal(kind, arn, account, (string)node["userId"]!)
        {
            UserName = (string?)node["userName"],
            RoleArn = (string?)node["roleArn"],
            Tags = node["tags"]?.AsObject().ToDictionary(t => t.Key, t => (string)t.Value!) ?? [],
        };
    }

    private static PolicyDocument[]? Documents(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(d => Document(d, PolicyDocumentKind.Identity)!)] : null;

    private static PolicyDocument? Document(JsonNode? node, PolicyDocumentKind kind) =>
        node is null ? null : PolicyDocument.Parse(node.ToJsonString(), kind);
}
