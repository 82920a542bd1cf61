using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>Broken templates and failing resources: refused up front, or rolled back leaving nothing behind, with events that say why.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class RollbackTests(EmulatorFixture emulator) : IDisposable
{
    private readonly Stacks _stacks = new(emulator);
    private readonly string _name = Stacks.Unique("rollback-");

    private async Task<string> QueueCountAsync(string prefix) =>
        string.Join(",", ((await _stacks.Call("sqs", "ListQueues", new JsonObject { ["QueueNamePrefix"] = prefix }))["QueueUrls"] as JsonArray ?? []).Select(u => (string)u!));

    [Fact]
    public async Task A_resource_that_fails_rolls_back_what_was_created_and_says_why()
    {
        var taken = Stacks.Unique("taken-");
        await _stacks.Call("s3", "CreateBucket", new JsonObject { ["Bucket"] = taken });
        var template = new JsonObject
        {
            ["Resources"] = new JsonObject
            {
                ["First"] = new JsonObject { ["Type"] = "AWS::SQS::Queue", ["Properties"] = new JsonObject { ["QueueName"] = _name + "-first" } },
                ["Second"] = new JsonObject { ["Type"] = "AWS::SNS::Topic", ["Properties"] = new JsonObject { ["TopicName"] = _name + "-second" } },
                ["Taken"] = new JsonObject { ["Type"] = "AWS::S3::Bucket", ["DependsOn"] = new JsonArray("First", "Second"), ["Properties"] = new JsonObject { ["BucketName"] = taken } },
            },
        };

        await _stacks.CreateAsync(_name, template.ToJsonString());
        var stack = await _stacks.SettledAsync(_name);

        Assert.Equal("ROLLBACK_COMPLETE", (string?)stack["StackStatus"]);
        var events = await _stacks.EventsAsync(_name);
        var failed = events.Single(e => (string?)e!["ResourceStatus"] == "CREATE_FAILED")!;
        Assert.Equal("Taken", (string?)failed["LogicalResourceId"]);
        Assert.Contains("BucketAlreadyOwnedByYou", (string?)failed["ResourceStatusReason"], StringComparison.Ordinal);
        Assert.Contains(events, e => (string?)e!["ResourceStatus"] == "ROLLBACK_IN_PROGRESS"
            && (string?)e["ResourceStatusReason"] == "The following resource(s) failed to create: [Taken]. Rollback requested by user.");
        Assert.Equal(string.Empty, await QueueCountAsync(_name));
        Assert.Equal("NotFound", (await _stacks.ErrorAsync("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = $"arn:aws:sns:us-east-1:000000000000:{_name}-second" })).Code);
        Assert.Equal(["DELETE_COMPLETE"], (await _stacks.PhysicalIdsAsync(_name)).Keys.Select(_ => "DELETE_COMPLETE").Distinct());
    }

    [Fact]
    public async Task A_type_the_emulator_does_not_provision_fails_the_stack_naming_it()
    {
        var template = """{"Resources":{"Queue":{"Type":"AWS::SQS::Queue"},"Vpc":{"Type":"AWS::EC2::VPC","DependsOn":"Queue","Properties":{"CidrBlock":"10.0.0.0/16"}}}}""";

        await _stacks.CreateAsync(_name, template);
        var stack = await _stacks.SettledAsync(_name);

        Assert.Equal("ROLLBACK_COMPLETE", (string?)stack["StackStatus"]);
        var failed = (await _stacks.EventsAsync(_name)).Single(e => (string?)e!["ResourceStatus"] == "CREATE_FAILED")!;
        Assert.Equal("Resource type AWS::EC2::VPC is not supported by the emulator's CloudFormation.", (string?)failed["ResourceStatusReason"]);
        Assert.Equal(string.Empty, await QueueCountAsync(_name));
    }

    [Theory]
    [InlineData("""{"Resources":{"X":{"Type":"AWS::Foo::Bar"}}}""", "Template format error: Unrecognized resource types: [AWS::Foo::Bar]")]
    [InlineData("""{"Resources":{"X":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":{"Ref":"Missing"}}}}}""", "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template")]
    [InlineData("""{"Resources":{"X":{"Type":"AWS::SQS::Queue","DependsOn":"Y"},"Y":{"Type":"AWS::SQS::Queue","DependsOn":"X"}}}""", "Circular dependency between resources: [X, Y]")]
    [InlineData("""{"Resources":{}}""", "Template format error: At least one Resources member must be defined.")]
    [InlineData("""{"Resources":""", "Template format error: JSON not well-formed.")]
    [InlineData("""{"Parameters":{"P":{"Type":"String"}},"Resources":{"X":{"Type":"AWS::SQS::Queue"}}}""", "Parameters: [P] must have values")]
    public async Task A_broken_template_is_refused_and_creates_no_stack(string template, string message)
    {
        var error = await _stacks.ErrorAsync("cloudformation", "CreateStack", new JsonObject { ["StackName"] = _name, ["TemplateBody"] = template });

        Assert.Equal(("ValidationError", message, 400), (error.Code, error.Message, error.StatusCode));
        Assert.Equal($"Stack with id {_name} does not exist", (await _stacks.ErrorAsync("cloudformation", "DescribeStacks", new JsonObject { ["StackName"] = _name })).Message);
    }

    [Fact]
    public async Task A_failed_update_rolls_back_to_the_previous_resources()
    {
        var taken = Stacks.Unique("taken-");
        await _stacks.Call("s3", "CreateBucket", new JsonObject { ["Bucket"] = taken });
        var original = """{"Resources":{"Queue":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":"NAME","VisibilityTimeout":30}}}}""".Replace("NAME", _name, StringComparison.Ordinal);
        await _stacks.CreateAsync(_name, original);
        var created = await _stacks.SettledAsync(_name);
        var url = (await _stacks.PhysicalIdsAsync(_name))["Queue"];
        var broken = """{"Resources":{"Queue":{"Type":"AWS::SQS::Queue","Properties":{"QueueName":"NAME","VisibilityTimeout":90}},"Added":{"Type":"AWS::SNS::Topic","Properties":{"TopicName":"NAME-added"}},"Bucket":{"Type":"AWS::S3::Bucket","DependsOn":["Queue","Added"],"Properties":{"BucketName":"TAKEN"}}}}"""
            .Replace("NAME", _name, StringComparison.Ordinal).Replace("TAKEN", taken, StringComparison.Ordinal);

        await _stacks.UpdateAsync(_name, broken);
        var stack = await _stacks.SettledAsync(_name);

        Assert.Equal("CREATE_COMPLETE", (string?)created["StackStatus"]);
        Assert.Equal("UPDATE_ROLLBACK_COMPLETE", (string?)stack["StackStatus"]);
        var visibility = (await _stacks.Call("sqs", "GetQueueAttributes", new JsonObject { ["QueueUrl"] = url, ["AttributeNames"] = new JsonArray("VisibilityTimeout") }))["Attributes"]!;
        Assert.Equal("30", (string?)visibility["VisibilityTimeout"]);
        Assert.Equal("NotFound", (await _stacks.ErrorAsync("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = $"arn:aws:sns:us-east-1:000000000000:{_name}-added" })).Code);
        Assert.Equal(["Queue"], (await _stacks.PhysicalIdsAsync(_name)).Keys);
        var template = (string)(await _stacks.Call("cloudformation", "GetTemplate", new JsonObject { ["StackName"] = _name }))["TemplateBody"]!;
        Assert.Equal(original, template);
    }

    [Fact]
    public async Task An_imported_export_keeps_its_stack_from_being_deleted()
    {
        var exporter = _name + "-exp";
        var importer = _name + "-imp";
        await _stacks.CreateAsync(exporter, """{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}},"Outputs":{"Arn":{"Value":{"Fn::GetAtt":["Q","Arn"]},"Export":{"Name":{"Fn::Sub":"${AWS::StackName}-QueueArn"}}}}}""");
        await _stacks.SettledAsync(exporter);
        await _stacks.CreateAsync(importer, """{"Resources":{"T":{"Type":"AWS::SNS::Topic","Properties":{"DisplayName":{"Fn::ImportValue":"EXPORTER-QueueArn"}}}}}""".Replace("EXPORTER", exporter, StringComparison.Ordinal));
        var imported = await _stacks.SettledAsync(importer);

        await _stacks.DeleteAsync(exporter);
        var refused = await _stacks.SettledAsync(exporter);

        Assert.Equal("CREATE_COMPLETE", (string?)imported["StackStatus"]);
        Assert.Equal("DELETE_FAILED", (string?)refused["StackStatus"]);
        Assert.Equal($"Export {exporter}-QueueArn cannot be deleted as it is in use by {importer}", (string?)refused["StackStatusReason"]);
        var topic = (await _stacks.PhysicalIdsAsync(importer))["T"];
        Assert.StartsWith("arn:aws:sqs:", (string?)(await _stacks.Call("sns", "GetTopicAttributes", new JsonObject { ["TopicArn"] = topic }))["Attributes"]!["DisplayName"], StringComparison.Ordinal);
    }

    public void Dispose() => _stacks.Dispose();
}
