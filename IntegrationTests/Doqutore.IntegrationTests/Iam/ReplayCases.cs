using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// Which decision cases (<c>Iam/Cases/decisions.json</c>) a real request can replay, and the rewrite that moves
/// a case into the emulator's account with uniquely named callers.
/// A real request carries only the context the gateway sets, so a case is replayable when every context key
/// it names is one the request supplies with the same value (the signing region, <c>aws:SecureTransport</c>
/// false over http, the caller's own keys), and its policies read no gateway-set key the case leaves absent
/// (the case would then decide on a missing key the real request has). The caller must be one we can create
/// (the users alice and bob, the role session), and the action one we can call with the resource the case
/// names. Resource policies exist only as role trust policies here (no bucket or queue policies yet).
/// </summary>
internal static partial class ReplayCases
{
    public const string CaseAccount = "111122223333";

    /// <summary>The actions a real call maps to, with the services that call them.</summary>
    public static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        "s3:GetObject", "s3:PutObject", "s3:GetObjectTagging", "s3:ListAllMyBuckets",
        "iam:CreateUser", "iam:GetUser", "iam:ListUsers", "iam:PutUserPolicy", "iam:ChangePassword",
        "dynamodb:GetItem", "dynamodb:DeleteTable", "sqs:SendMessage", "sts:AssumeRole",
    };

    /// <summary>Keys the gateway sets on every request (IamAuthorizer.ContextKeys); sessions add two more.</summary>
    private static readonly string[] GatewayKeys = ["aws:SourceIp", "aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport", "aws:RequestedRegion"];

    private static readonly string[] SessionGatewayKeys = ["aws:TokenIssueTime", "aws:MultiFactorAuthPresent"];

    /// <summary>Keys derived from the caller, which the rewrite keeps equal.</summary>
    private static readonly string[] PrincipalKeys = ["aws:username", "aws:userid", "aws:PrincipalArn", "aws:PrincipalType"];

    /// <summary>Cases the emulator decides otherwise than the IAM User Guide, by name, with why.</summary>
    private static readonly Dictionary<string, string> KnownDisagreements = new(StringComparer.Ordinal)
    {
    };

    private static readonly Lazy<JsonObject> File = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Iam", "Cases", "decisions.json")))!.AsObject());

    public static IEnumerable<JsonObject> All => File.Value["cases"]!.AsArray().Select(c => c!.AsObject());

    public static JsonObject Get(string name) => All.Single(c => (string)c["name"]! == name);

    public static JsonObject Principal(string name) => File.Value["principals"]![name]!.AsObject();

    public static IEnumerable<string> ReplayableNames() => All.Where(c => SkipReason(c) is null).Select(c => (string)c["name"]!);

    /// <summary>Why a case cannot be replayed as a real request, or null when it can.</summary>
    public static string? SkipReason(JsonObject testCase)
    {
        var principal = (string)testCase["principal"]!;
        var action = (string)testCase["action"]!;
        var context = testCase["context"]?.AsObject() ?? [];
        if (principal is not ("alice" or "bob" or "session"))
        {
            return $"caller {principal}: only IAM users and role sessions are created per case";
        }

        if (!Actions.Contains(action))
        {
            return $"no real call mapped for {action}";
        }

        if (KnownDisagreements.TryGetValue((string)testCase["name"]!, out var disagreement))
        {
            return $"the emulator disagrees: {disagreement}";
        }

        var isTrust = (bool?)testCase["resourcePolicyIsRoleTrust"] ?? false;
        if (testCase["resourcePolicy"] is not null && !isTrust)
        {
            return "a bucket or queue policy (not emulated yet)";
        }

        if (isTrust && principal == "session")
        {
            return "a role trust case for a session";
        }

        if (testCase["sessionPolicies"]?.AsArray().Count > 1)
        {
            return "more than one session policy";
        }

        foreach (var (key, value) in context)
        {
            if (key == "aws:SecureTransport" && (string?)value != "false")
            {
                return "aws:SecureTransport true (the emulator speaks http)";
            }

            // AssumeRole's ExternalId parameter is the request's sts:ExternalId.
            var fromParameter = key == "sts:ExternalId" && action == "sts:AssumeRole";
            if (key is not ("aws:RequestedRegion" or "aws:SecureTransport") && !fromParameter && !IsPrincipalKey(key))
            {
                return $"context key {key} a real request cannot carry";
            }
        }

        var policies = PolicyText(testCase);
        foreach (var key in principal == "session" ? [.. GatewayKeys, .. SessionGatewayKeys] : GatewayKeys)
        {
            if (!context.ContainsKey(key) && policies.Contains(key, StringComparison.OrdinalIgnoreCase))
            {
                return $"policy reads {key}, which the case leaves absent but a real request sets";
            }
        }

        return null;
    }

    private static bool IsPrincipalKey(string key) =>
        PrincipalKeys.Contains(key, StringComparer.OrdinalIgnoreCase) || key.StartsWith("aws:PrincipalTag/", StringComparison.OrdinalIgnoreCase);

    private static string PolicyText(JsonObject testCase) => string.Concat(
        new[] { "identityPolicies", "permissionsBoundary", "sessionPolicies", "resourcePolicy" }.Select(p => testCase[p]?.ToJsonString() ?? string.Empty));

    /// <summary>
    /// The case moved into <paramref name="account"/> with the real callers: the case account becomes the
    /// emulator's, the case caller's name, user id and role name become the created ones. Names are replaced
    /// as whole words, so another user's name (bob in alice's case) stays as it is.
    /// </summary>
    public static JsonObject Rewrite(JsonObject testCase, string account, IReadOnlyDictionary<string, string> names)
    {
        var text = testCase.ToJsonString().Replace(CaseAccount, account, StringComparison.Ordinal);
        foreach (var (from, to) in names)
        {
            text = Regex.Replace(text, $@"\b{Regex.Escape(from)}\b", to.Replace("$", "$$", StringComparison.Ordinal));
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The end of the AccessDenied message for the case's decision and deciding policy type.</summary>
    public static string ExpectedMessageEnd(JsonObject testCase)
    {
        var expect = testCase["expect"]!;
        var decidedBy = (string)expect["decidedBy"]!;
        var action = (string)testCase["action"]!;
        return (string)expect["decision"]! == "ExplicitDeny"
            ? "with an explicit deny in " + decidedBy switch
            {
                "resource" => "a resource-based policy",
                "boundary" => "a permissions boundary",
                "session" => "a sessions policy",
                "trust" => "the role trust policy",
                _ => "an identity-based policy",
            }
            : "because no " + decidedBy switch
            {
                "resource" => "resource-based policy",
                "boundary" => "permissions boundary",
                "session" => "session policy",
                "trust" => "role trust policy",
                _ => "identity-based policy",
            } + $" allows the {action} action";
    }
}
