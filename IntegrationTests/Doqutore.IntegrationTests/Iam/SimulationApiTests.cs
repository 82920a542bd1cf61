using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>The simulator's answers beside the decision, and its errors, through the spec client.</summary>
[Collection(EmulatorCollection.Name)]
public class SimulationApiTests(EmulatorFixture emulator) : IDisposable
{
    private const string AllowGet = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""";

    private readonly AwsClient _iam = new(ServiceModels.Get("iam"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    public void Dispose()
    {
        _iam.Dispose();
        GC.SuppressFinalize(this);
    }

    private static JsonObject Custom(params string[] policies) => new()
    {
        ["PolicyInputList"] = new JsonArray([.. policies.Select(p => (JsonNode?)p)]),
        ["ActionNames"] = new JsonArray("s3:GetObject", "s3:PutObject"),
    };

    private async Task<JsonArray> Results(string operation, JsonObject input) =>
        (await _iam.InvokeAsync(operation, input))["EvaluationResults"]!.AsArray();

    private async Task<AwsServiceException> Refused(string operation, JsonObject input) =>
        await Assert.ThrowsAsync<AwsServiceException>(() => _iam.InvokeAsync(operation, input));

    [Fact]
    public async Task Each_action_gets_a_result_with_its_decision_on_the_default_resource()
    {
        var results = await Results("SimulateCustomPolicy", Custom(AllowGet));

        Assert.Equal(
            [("s3:GetObject", "*", "allowed"), ("s3:PutObject", "*", "implicitDeny")],
            results.Select(r => ((string)r!["EvalActionName"]!, (string)r["EvalResourceName"]!, (string)r["EvalDecision"]!)));
    }

    [Fact]
    public async Task The_allowing_statement_is_named_by_its_input_list_position()
    {
        var results = await Results("SimulateCustomPolicy", Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}}""", AllowGet));

        var matched = Assert.Single(results[0]!["MatchedStatements"]!.AsArray());
        Assert.Equal("PolicyInputList.2", (string)matched!["SourcePolicyId"]!);
        Assert.Equal("explicitDeny", (string)results[1]!["EvalDecision"]!);
        Assert.Equal("PolicyInputList.1", (string)results[1]!["MatchedStatements"]![0]!["SourcePolicyId"]!);
    }

    [Fact]
    public async Task A_condition_key_the_request_lacks_is_a_missing_context_value()
    {
        var input = Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/"}}}}""");

        var results = await Results("SimulateCustomPolicy", input);

        Assert.Equal("implicitDeny", (string)results[0]!["EvalDecision"]!);
        Assert.Equal(["s3:prefix"], results[0]!["MissingContextValues"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task A_context_entry_satisfies_the_condition()
    {
        var input = Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/"}}}}""");
        input["ContextEntries"] = new JsonArray(new JsonObject { ["ContextKeyName"] = "s3:prefix", ["ContextKeyValues"] = new JsonArray("home/"), ["ContextKeyType"] = "string" });

        var results = await Results("SimulateCustomPolicy", input);

        Assert.Equal("allowed", (string)results[0]!["EvalDecision"]!);
        Assert.Empty(results[0]!["MissingContextValues"]!.AsArray());
    }

    [Fact]
    public async Task The_boundary_detail_says_whether_the_boundary_allows()
    {
        var input = Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""");
        input["PermissionsBoundaryPolicyInputList"] = new JsonArray(AllowGet);

        var results = await Results("SimulateCustomPolicy", input);

        Assert.True((bool)results[0]!["PermissionsBoundaryDecisionDetail"]!["AllowedByPermissionsBoundary"]!);
        Assert.False((bool)results[1]!["PermissionsBoundaryDecisionDetail"]!["AllowedByPermissionsBoundary"]!);
        Assert.Equal("implicitDeny", (string)results[1]!["EvalDecision"]!);
    }

    [Fact]
    public async Task Named_resources_each_get_a_result_with_resource_specific_results()
    {
        var input = Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::public/*"}}""");
        input["ResourceArns"] = new JsonArray("arn:aws:s3:::public/a", "arn:aws:s3:::private/b");

        var results = await Results("SimulateCustomPolicy", input);

        Assert.Equal(4, results.Count);
        Assert.Equal(("arn:aws:s3:::public/a", "allowed"), ((string)results[0]!["EvalResourceName"]!, (string)results[0]!["ResourceSpecificResults"]![0]!["EvalResourceDecision"]!));
        Assert.Equal(("arn:aws:s3:::private/b", "implicitDeny"), ((string)results[1]!["EvalResourceName"]!, (string)results[1]!["EvalDecision"]!));
    }

    [Fact]
    public async Task MaxItems_pages_the_results_with_a_marker()
    {
        var input = Custom(AllowGet);
        input["MaxItems"] = 1;

        var first = await _iam.InvokeAsync("SimulateCustomPolicy", input);
        input["Marker"] = (string)first["Marker"]!;
        var second = await _iam.InvokeAsync("SimulateCustomPolicy", input);

        Assert.True((bool)first["IsTruncated"]!);
        Assert.Equal("s3:PutObject", (string)second["EvaluationResults"]![0]!["EvalActionName"]!);
        Assert.False((bool)second["IsTruncated"]!);
    }

    [Fact]
    public async Task A_malformed_input_policy_is_MalformedPolicyDocument()
    {
        var error = await Refused("SimulateCustomPolicy", Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Maybe","Action":"s3:*","Resource":"*"}}"""));

        Assert.Equal("MalformedPolicyDocument", error.Code);
    }

    [Fact]
    public async Task An_input_policy_naming_a_principal_is_InvalidInput()
    {
        var error = await Refused("SimulateCustomPolicy", Custom("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"""));

        Assert.Equal(("InvalidInput", "Policies in PolicyInputList must not contain a Principal element."), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_resource_policy_without_a_caller_is_InvalidInput()
    {
        var input = Custom(AllowGet);
        input["ResourcePolicy"] = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}""";

        var error = await Refused("SimulateCustomPolicy", input);

        Assert.Equal(("InvalidInput", "CallerArn must be specified when a ResourcePolicy is included."), (error.Code, error.Message));
    }

    [Fact]
    public async Task An_unknown_policy_source_is_NoSuchEntity()
    {
        var arn = $"arn:aws:iam::{EmulatorFixture.AccountId}:user/{AwsCli.Unique("ghost")}";

        var error = await Refused("SimulatePrincipalPolicy", new JsonObject { ["PolicySourceArn"] = arn, ["ActionNames"] = new JsonArray("s3:GetObject") });

        Assert.Equal(("NoSuchEntity", $"The user with ARN {arn} cannot be found."), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_roles_own_policies_are_simulated_and_named()
    {
        var role = AwsCli.Unique("simrole");
        var created = await _iam.InvokeAsync("CreateRole", new JsonObject
        {
            ["RoleName"] = role,
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}""",
        });
        await _iam.InvokeAsync("PutRolePolicy", new JsonObject { ["RoleName"] = role, ["PolicyName"] = "reads", ["PolicyDocument"] = AllowGet });

        var results = await Results("SimulatePrincipalPolicy", new JsonObject
        {
            ["PolicySourceArn"] = (string)created["Role"]!["Arn"]!,
            ["ActionNames"] = new JsonArray("s3:GetObject"),
        });

        Assert.Equal("allowed", (string)results[0]!["EvalDecision"]!);
        Assert.Equal(("reads", "role"), ((string)results[0]!["MatchedStatements"]![0]!["SourcePolicyId"]!, (string)results[0]!["MatchedStatements"]![0]!["SourcePolicyType"]!));
    }
}
