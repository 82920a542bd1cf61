using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>CloudFormation through boto3: its waiters, ListStacks filters, GetTemplate, ValidateTemplate, UpdateStack and errors.</summary>
[Collection(EmulatorCollection.Name)]
public class CloudFormationBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        cfn = boto3.client("cloudformation", endpoint_url=url, config=cfg)
        sqs = boto3.client("sqs", endpoint_url=url, config=cfg)
        fast = {"Delay": 1, "MaxAttempts": 60}
        name = f"boto-{run}"
        template = {
            "Parameters": {"Secret": {"Type": "String", "NoEcho": True}, "Env": {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"]}},
            "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
            "Resources": {"Queue": {"Type": "AWS::SQS::Queue", "Properties": {
                "QueueName": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Fn::If": ["Prod", "live", "test"]}]]},
                "DelaySeconds": {"Fn::If": ["Prod", 5, {"Ref": "AWS::NoValue"}]}}}},
            "Outputs": {"Url": {"Value": {"Ref": "Queue"}, "Description": "the queue"}},
        }
        body = json.dumps(template)
        cfn.create_stack(StackName=name, TemplateBody=body, Parameters=[{"ParameterKey": "Secret", "ParameterValue": "s3cr3t"}])
        cfn.get_waiter("stack_create_complete").wait(StackName=name, WaiterConfig=fast)
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        out["created"] = {"status": stack["StackStatus"], "parameters": stack["Parameters"], "outputs": stack["Outputs"]}
        out["delay_test"] = sqs.get_queue_attributes(QueueUrl=sqs.get_queue_url(QueueName=f"{name}-test")["QueueUrl"], AttributeNames=["DelaySeconds"])["Attributes"]["DelaySeconds"]

        cfn.update_stack(StackName=name, TemplateBody=body, Parameters=[{"ParameterKey": "Secret", "UsePreviousValue": True}, {"ParameterKey": "Env", "ParameterValue": "prod"}])
        cfn.get_waiter("stack_update_complete").wait(StackName=name, WaiterConfig=fast)
        out["updated"] = cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        out["live_delay"] = sqs.get_queue_attributes(QueueUrl=sqs.get_queue_url(QueueName=f"{name}-live")["QueueUrl"], AttributeNames=["DelaySeconds"])["Attributes"]["DelaySeconds"]
        out["old_queue"] = err(sqs.get_queue_url, QueueName=f"{name}-test")
        out["resources"] = [(r["LogicalResourceId"], r["ResourceStatus"]) for r in cfn.list_stack_resources(StackName=name)["StackResourceSummaries"]]
        out["resource"] = cfn.describe_stack_resource(StackName=name, LogicalResourceId="Queue")["StackResourceDetail"]["PhysicalResourceId"]
        out["missing_resource"] = err(cfn.describe_stack_resource, StackName=name, LogicalResourceId="Nope")
        out["template"] = cfn.get_template(StackName=name)["TemplateBody"]
        out["no_updates"] = err(cfn.update_stack, StackName=name, UsePreviousTemplate=True, Parameters=[{"ParameterKey": "Secret", "UsePreviousValue": True}, {"ParameterKey": "Env", "UsePreviousValue": True}])
        out["bad_value"] = err(cfn.create_stack, StackName=f"{name}-bad", TemplateBody=body, Parameters=[{"ParameterKey": "Secret", "ParameterValue": "x"}, {"ParameterKey": "Env", "ParameterValue": "qa"}])
        out["validated"] = cfn.validate_template(TemplateBody=body)["Parameters"]

        cfn.delete_stack(StackName=name)
        cfn.get_waiter("stack_delete_complete").wait(StackName=name, WaiterConfig=fast)
        out["listed"] = [(s["StackName"], s["StackStatus"]) for s in cfn.list_stacks(StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"] if s["StackName"] == name]
        out["live_listed"] = [s["StackName"] for s in cfn.list_stacks(StackStatusFilter=["CREATE_COMPLETE", "UPDATE_COMPLETE"])["StackSummaries"] if s["StackName"] == name]
        out["gone"] = err(sqs.get_queue_url, QueueName=f"{name}-live")
        """);

    private JsonObject Outcome => Scenario.Outcome(emulator);

    [SkippableFact]
    public void Waiters_see_the_stack_complete_with_NoEcho_parameters_masked()
    {
        var created = Outcome["created"]!;

        Assert.Equal("CREATE_COMPLETE", (string?)created["status"]);
        Assert.Contains(created["parameters"]!.AsArray(), p => (string?)p!["ParameterKey"] == "Secret" && (string?)p["ParameterValue"] == "****");
        Assert.Equal("the queue", (string?)created["outputs"]![0]!["Description"]);
        Assert.Equal("0", (string?)Outcome["delay_test"]);
    }

    [SkippableFact]
    public void An_update_that_renames_the_queue_replaces_it()
    {
        Assert.Equal("UPDATE_COMPLETE", (string?)Outcome["updated"]);
        Assert.Equal("5", (string?)Outcome["live_delay"]);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", (string?)Outcome["old_queue"]!["code"]);
        Assert.Equal("""[["Queue","UPDATE_COMPLETE"]]""", Outcome["resources"]!.ToJsonString());
        Assert.EndsWith("-live", (string?)Outcome["resource"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void GetTemplate_returns_the_template_as_given()
    {
        Assert.Equal("AWS::SQS::Queue", (string?)Outcome["template"]!["Resources"]!["Queue"]!["Type"]);
    }

    [SkippableFact]
    public void Errors_are_AWSs()
    {
        Assert.Equal("""{"code":"ValidationError","message":"No updates are to be performed.","status":400}""", Outcome["no_updates"]!.ToJsonString());
        Assert.Equal(("ValidationError", "Parameter 'Env' must be one of AllowedValues"), ((string?)Outcome["bad_value"]!["code"], (string?)Outcome["bad_value"]!["message"]));
        Assert.Equal("ValidationError", (string?)Outcome["missing_resource"]!["code"]);
        Assert.StartsWith("Resource Nope does not exist for stack boto-", (string?)Outcome["missing_resource"]!["message"], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ValidateTemplate_lists_the_parameters()
    {
        var parameters = Outcome["validated"]!.AsArray();

        Assert.Equal(["Secret", "Env"], parameters.Select(p => (string)p!["ParameterKey"]!));
        Assert.True((bool)parameters[0]!["NoEcho"]!);
        Assert.Equal("dev", (string?)parameters[1]!["DefaultValue"]);
    }

    [SkippableFact]
    public void A_deleted_stack_is_listed_as_deleted_and_its_resources_are_gone()
    {
        Assert.Single(Outcome["listed"]!.AsArray());
        Assert.Empty(Outcome["live_listed"]!.AsArray());
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", (string?)Outcome["gone"]!["code"]);
    }
}
