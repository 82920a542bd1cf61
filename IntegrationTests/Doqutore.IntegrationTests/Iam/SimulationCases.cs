using System.Text.Json.Nodes;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The engine's decision cases (<c>Emulator/Doqutore.Emulator.Tests/Authorization/Cases/decisions.json</c>,
/// linked beside this assembly) as <c>SimulateCustomPolicy</c> inputs. A case is expressible when its caller
/// is an IAM user (the only caller the API takes), it has no session policies (the API has none) and its
/// resource policy is no role trust policy. The caller's own keys (<c>aws:userid</c>, <c>aws:PrincipalTag/…</c>)
/// travel as context entries, as the simulator expects them.
/// </summary>
internal static class SimulationCases
{
    private static readonly Lazy<JsonObject> File = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Iam", "Cases", "decisions.json")))!.AsObject());

    private static IEnumerable<JsonObject> All => File.Value["cases"]!.AsArray().Select(c => c!.AsObject());

    public static int Total => All.Count();

    /// <summary>The names of the cases SimulateCustomPolicy can express.</summary>
    public static IEnumerable<string> ExpressibleNames() => All.Where(IsExpressible).Select(c => (string)c["name"]!);

    public static JsonObject Get(string name) => All.Single(c => (string)c["name"]! == name);

    public static bool IsExpressible(JsonObject testCase) =>
        (string)Principal(testCase)["type"]! == "User"
        && testCase["sessionPolicies"] is null
        && !((bool?)testCase["resourcePolicyIsRoleTrust"] ?? false);

    /// <summary>The SimulateCustomPolicy input of a case.</summary>
    public static JsonObject ToInput(JsonObject testCase)
    {
        var principal = Principal(testCase);
        var input = new JsonObject
        {
            ["PolicyInputList"] = new JsonArray([.. (testCase["identityPolicies"]?.AsArray() ?? []).Select(p => (JsonNode?)p!.ToJsonString())]),
            ["ActionNames"] = new JsonArray((string)testCase["action"]!),
            ["CallerArn"] = (string)principal["arn"]!,
        };
        if (testCase["resources"]!.AsArray() is { Count: > 0 } resources)
        {
            input["ResourceArns"] = resources.DeepClone();
        }

        if (testCase["permissionsBoundary"] is { } boundary)
        {
            input["PermissionsBoundaryPolicyInputList"] = new JsonArray(boundary.ToJsonString());
        }

        if (testCase["resourcePolicy"] is { } resourcePolicy)
        {
            input["ResourcePolicy"] = resourcePolicy.ToJsonString();
        }

        var entries = new JsonArray
        {
            Entry("aws:userid", [(string)principal["userId"]!]),
        };
        foreach (var (key, value) in principal["tags"]?.AsObject() ?? [])
        {
            entries.Add(Entry($"aws:PrincipalTag/{key}", [(string)value!]));
        }

        foreach (var (key, value) in testCase["context"]?.AsObject() ?? [])
        {
            entries.Add(value is JsonArray many ? Entry(key, [.. many.Select(v => (string)v!)], "stringList") : Entry(key, [(string)value!]));
        }

        input["ContextEntries"] = entries;
        return input;
    }

    /// <summary>The expected EvalDecision for the case's decision (Allow | ImplicitDeny | ExplicitDeny).</summary>
    public static string ExpectedDecision(JsonObject testCase) => (string)testCase["expect"]!["decision"]! switch
    {
        "Allow" => "allowed",
        "ExplicitDeny" => "explicitDeny",
        "ImplicitDeny" => "implicitDeny",
        var other => throw new InvalidDataException($"Unknown decision '{other}'."),
    };

    /// <summary>
    /// The request's decision from one result per resource, as the engine combines them: an explicit deny on
    /// any resource wins, then an implicit one; allowed only when every resource is.
    /// </summary>
    public static string Combine(IEnumerable<string> decisions)
    {
        var all = decisions.ToList();
        return all.Contains("explicitDeny") ? "explicitDeny" : all.Contains("implicitDeny") ? "implicitDeny" : "allowed";
    }

    private static JsonObject Principal(JsonObject testCase) => File.Value["principals"]![(string)testCase["principal"]!]!.AsObject();

    private static JsonObject Entry(string key, string[] values, string type = "string") => new()
    {
        ["ContextKeyName"] = key,
        ["ContextKeyValues"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]),
        ["ContextKeyType"] = values.Length > 1 ? "stringList" : type,
    };
}
