using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>A template in the shape CDK synthesizes: the bootstrap version comes from the emulator's local SSM table and passes the CheckBootstrapVersion rule.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class CdkTemplateTests(EmulatorFixture emulator) : IDisposable
{
    private readonly Stacks _stacks = new(emulator);
    private readonly string _name = Stacks.Unique("Cdk");

    [Fact]
    public async Task A_cdk_synthesized_stack_deploys_and_retains_what_it_says_to_retain()
    {
        await _stacks.CreateAsync(_name, Stacks.Template("cdk-style-stack.json"), null, "CAPABILITY_IAM");
        var stack = await _stacks.SettledAsync(_name);
        var ids = await _stacks.PhysicalIdsAsync(_name);

        Assert.Equal("CREATE_COMPLETE", (string?)stack["StackStatus"]);
        Assert.Equal("21", (string?)((JsonArray)stack["Parameters"]!).Single()!["ResolvedValue"]);
        Assert.Equal("cdk-hnb659fds-assets-000000000000-us-east-1", Stacks.Output(stack, "AssetBucket"));
        Assert.Contains("CDKMetadata", ids.Keys);
        var role = ids["ResponderServiceRole3B4C5D6E"];
        Assert.StartsWith($"{_name}-ResponderServiceRole", role, StringComparison.Ordinal);
        var policy = JsonNode.Parse(Uri.UnescapeDataString((string)(await _stacks.Call("iam", "GetRolePolicy", new JsonObject { ["RoleName"] = role, ["PolicyName"] = "ResponderServiceRoleDefaultPolicy1A2B3C4D" }))["PolicyDocument"]!))!;
        Assert.Single(policy["Statement"]![0]!["Resource"]!.AsArray());
        Assert.Equal("arn:aws:s3:::cdk-hnb659fds-assets-000000000000-us-east-1/*", (string?)policy["Statement"]![1]!["Resource"]![1]);

        await _stacks.DeleteAsync(_name);
        await _stacks.SettledAsync((string)stack["StackId"]!);
        var groups = (JsonArray)(await _stacks.Call("logs", "DescribeLogGroups", new JsonObject { ["logGroupNamePrefix"] = ids["ResponderLogGroup9F8E7D6C"] }))["logGroups"]!;
        Assert.Single(groups);
        Assert.Equal("ResourceNotFoundException", (await _stacks.ErrorAsync("dynamodb", "DescribeTable", new JsonObject { ["TableName"] = ids["IncidentLog7E2A1B2C"] })).Code);
        await _stacks.Call("logs", "DeleteLogGroup", new JsonObject { ["logGroupName"] = ids["ResponderLogGroup9F8E7D6C"] });
    }

    [Fact]
    public async Task Iam_resources_need_the_iam_capability()
    {
        var error = await _stacks.ErrorAsync("cloudformation", "CreateStack", new JsonObject { ["StackName"] = _name, ["TemplateBody"] = Stacks.Template("cdk-style-stack.json") });

        Assert.Equal(("InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_IAM]"), (error.Code, error.Message));
    }

    public void Dispose() => _stacks.Dispose();
}

/// <summary>An emulator whose bootstrap version is too old for CDK: the template's rule refuses the stack with its own words.</summary>
public sealed class OldBootstrapEmulator : EmulatorFixture
{
    protected override IEnumerable<string> Arguments => ["--Emulator:CloudFormation:SsmParameters:/cdk-bootstrap/hnb659fds/version=5"];
}

public sealed class CdkBootstrapRuleTests(OldBootstrapEmulator emulator) : IClassFixture<OldBootstrapEmulator>, IDisposable
{
    private readonly Stacks _stacks = new(emulator);

    [Fact]
    public async Task An_old_bootstrap_version_fails_the_CheckBootstrapVersion_rule()
    {
        var error = await _stacks.ErrorAsync("cloudformation", "CreateStack", new JsonObject
        {
            ["StackName"] = "cdk-old-bootstrap",
            ["TemplateBody"] = Stacks.Template("cdk-style-stack.json"),
            ["Capabilities"] = new JsonArray("CAPABILITY_IAM"),
        });

        Assert.Equal(("ValidationError", "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."), (error.Code, error.Message));
    }

    public void Dispose() => _stacks.Dispose();
}
