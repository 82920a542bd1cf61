using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// The simulator and enforcement agree: for each case a fresh user gets the case's inline, managed, group
/// and boundary policies, <c>SimulatePrincipalPolicy</c> is asked about the action, and the same action is
/// then called with the user's own key against the enforcing emulator.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class SimulationEnforcementTests(EmulatorFixture emulator)
{
    private const string Account = EmulatorFixture.AccountId;

    /// <summary>One case: the user's policies, the call (<c>GetUser</c> on itself or <c>ListUsers</c>), and the expected EvalDecision.</summary>
    public sealed record EnforcedCase(string Name, string Operation, string Expected)
    {
        public string[] Inline { get; init; } = [];

        public string[] Managed { get; init; } = [];

        public string[] GroupInline { get; init; } = [];

        public string? Boundary { get; init; }

        public (string Key, string Value)[] Tags { get; init; } = [];

        /// <summary>Keys the gateway sets on every request, which the simulator must be told.</summary>
        public (string Key, string Value)[] Context { get; init; } = [];

        public override string ToString() => Name;
    }

    private static string Allow(string action, string resource = "*", string condition = "") =>
        $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"{{{action}}}","Resource":"{{{resource}}}"{{{condition}}}}}""";

    private static string Deny(string action, string condition = "") =>
        $$$"""{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"{{{action}}}","Resource":"*"{{{condition}}}}}""";

    private static readonly EnforcedCase[] All =
    [
        new("an inline allow allows", "GetUser", "allowed") { Inline = [Allow("iam:GetUser")] },
        new("no policy is an implicit deny", "GetUser", "implicitDeny"),
        new("an explicit deny beats an allow", "GetUser", "explicitDeny") { Inline = [Allow("iam:*"), Deny("iam:GetUser")] },
        new("a managed policy allows", "ListUsers", "allowed") { Managed = [Allow("iam:List*")] },
        new("a group's inline policy allows", "ListUsers", "allowed") { GroupInline = [Allow("iam:ListUsers")] },
        new("a boundary not allowing the action denies", "GetUser", "implicitDeny") { Inline = [Allow("iam:*")], Boundary = Allow("iam:List*") },
        new("a boundary allowing the action lets the identity policy allow", "ListUsers", "allowed") { Inline = [Allow("iam:*")], Boundary = Allow("iam:List*") },
        new("a boundary's explicit deny denies", "ListUsers", "explicitDeny")
        {
            Inline = [Allow("iam:*")],
            Boundary = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:ListUsers","Resource":"*"}]}""",
        },
        new("NotAction allows what it does not name", "GetUser", "allowed")
        {
            Inline = ["""{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:Delete*","Resource":"*"}}"""],
        },
        new("NotAction does not allow what it names", "GetUser", "implicitDeny")
        {
            Inline = ["""{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:Get*","Resource":"*"}}"""],
        },
        new("a StringEquals on the requested region allows in that region", "ListUsers", "allowed")
        {
            Inline = [Allow("iam:ListUsers", condition: $$$""","Condition":{"StringEquals":{"aws:RequestedRegion":"{{{EmulatorFixture.Region}}}"}}""")],
            Context = [("aws:RequestedRegion", EmulatorFixture.Region)],
        },
        new("a StringEquals on another region does not allow", "ListUsers", "implicitDeny")
        {
            Inline = [Allow("iam:ListUsers", condition: ""","Condition":{"StringEquals":{"aws:RequestedRegion":"ap-south-2"}}""")],
            Context = [("aws:RequestedRegion", EmulatorFixture.Region)],
        },
        new("a DateGreaterThan on the current time allows", "ListUsers", "allowed")
        {
            Inline = [Allow("iam:ListUsers", condition: ""","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2001-01-01T00:00:00Z"}}""")],
            Context = [("aws:CurrentTime", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))],
        },
        new("the aws:username variable allows the user itself", "GetUser", "allowed")
        {
            Inline = [Allow("iam:GetUser", $"arn:aws:iam::{Account}:user/${{aws:username}}")],
        },
        new("the aws:username variable does not allow another name", "GetUser", "implicitDeny")
        {
            Inline = [Allow("iam:GetUser", $"arn:aws:iam::{Account}:user/${{aws:username}}-other")],
        },
        new("a principal tag condition allows a tagged user", "GetUser", "allowed")
        {
            Inline = [Allow("iam:GetUser", condition: ""","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}""")],
            Tags = [("team", "blue")],
        },
        new("StringNotEqualsIfExists denies a user without the tag", "GetUser", "explicitDeny")
        {
            Inline = [Allow("iam:GetUser"), Deny("iam:GetUser", ""","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}""")],
        },
        new("StringNotEqualsIfExists spares a user with the tag", "GetUser", "allowed")
        {
            Inline = [Allow("iam:GetUser"), Deny("iam:GetUser", ""","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}""")],
            Tags = [("team", "blue")],
        },
        new("a Null condition on a key long-term keys lack allows", "ListUsers", "allowed")
        {
            Inline = [Allow("iam:ListUsers", condition: ""","Condition":{"Null":{"aws:TokenIssueTime":"true"}}""")],
        },
    ];

    public static TheoryData<EnforcedCase> Cases() => [.. All];

    private AwsClient Iam(AWSCredentials credentials) => IamSetup.Client(emulator, credentials);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_simulator_and_a_real_request_decide_alike(EnforcedCase testCase)
    {
        using var root = Iam(SdkClients.Root);
        var (name, arn, credentials) = await CreateUser(root, testCase);

        var simulated = await Simulate(root, testCase, arn);
        var allowed = await Call(credentials, testCase, name);

        Assert.Equal(testCase.Expected, simulated);
        Assert.Equal(testCase.Expected == "allowed", allowed);
    }

    private static async Task<(string Name, string Arn, AWSCredentials Credentials)> CreateUser(AwsClient root, EnforcedCase testCase)
    {
        var name = AwsCli.Unique("sim");
        var user = new JsonObject { ["UserName"] = name };
        if (testCase.Tags.Length > 0)
        {
            user["Tags"] = new JsonArray([.. testCase.Tags.Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
        }

        var arn = (string)(await root.InvokeAsync("CreateUser", user))["User"]!["Arn"]!;
        for (var i = 0; i < testCase.Inline.Length; i++)
        {
            await root.InvokeAsync("PutUserPolicy", new JsonObject { ["UserName"] = name, ["PolicyName"] = $"inline{i}", ["PolicyDocument"] = testCase.Inline[i] });
        }

        foreach (var document in testCase.Managed)
        {
            await root.InvokeAsync("AttachUserPolicy", new JsonObject { ["UserName"] = name, ["PolicyArn"] = await IamSetup.CreatePolicy(root, document) });
        }

        if (testCase.GroupInline.Length > 0)
        {
            var group = AwsCli.Unique("simgroup");
            await root.InvokeAsync("CreateGroup", new JsonObject { ["GroupName"] = group });
            await root.InvokeAsync("AddUserToGroup", new JsonObject { ["GroupName"] = group, ["UserName"] = name });
            for (var i = 0; i < testCase.GroupInline.Length; i++)
            {
                await root.InvokeAsync("PutGroupPolicy", new JsonObject { ["GroupName"] = group, ["PolicyName"] = $"inline{i}", ["PolicyDocument"] = testCase.GroupInline[i] });
            }
        }

        if (testCase.Boundary is { } boundary)
        {
            await root.InvokeAsync("PutUserPermissionsBoundary", new JsonObject { ["UserName"] = name, ["PermissionsBoundary"] = await IamSetup.CreatePolicy(root, boundary) });
        }

        return (name, arn, await IamSetup.CreateAccessKey(root, name));
    }

    private static async Task<string> Simulate(AwsClient root, EnforcedCase testCase, string arn)
    {
        var input = new JsonObject
        {
            ["PolicySourceArn"] = arn,
            ["ActionNames"] = new JsonArray($"iam:{testCase.Operation}"),
            ["ContextEntries"] = new JsonArray([.. testCase.Context.Select(c => (JsonNode?)new JsonObject
            {
                ["ContextKeyName"] = c.Key,
                ["ContextKeyValues"] = new JsonArray(c.Value),
                ["ContextKeyType"] = c.Key == "aws:CurrentTime" ? "date" : "string",
            })]),
        };
        if (testCase.Operation == "GetUser")
        {
            input["ResourceArns"] = new JsonArray(arn);
        }

        var result = Assert.Single((await root.InvokeAsync("SimulatePrincipalPolicy", input))["EvaluationResults"]!.AsArray());
        return (string)result!["EvalDecision"]!;
    }

    private async Task<bool> Call(AWSCredentials credentials, EnforcedCase testCase, string name)
    {
        using var user = Iam(credentials);
        try
        {
            await user.InvokeAsync(testCase.Operation, testCase.Operation == "GetUser" ? new JsonObject { ["UserName"] = name } : []);
            return true;
        }
        catch (AwsServiceException error) when (error.Code == "AccessDenied")
        {
            return false;
        }
    }
}
