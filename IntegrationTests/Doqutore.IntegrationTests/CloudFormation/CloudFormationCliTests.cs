using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudFormation;

/// <summary>Debian's AWS CLI v2 driving stacks: create-stack, wait, describe-stacks, describe-stack-events, delete-stack, and AWS's errors.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class CloudFormationCliTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsCli _aws = new(emulator);
    private readonly string _name = AwsCli.Unique("cli-stack");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.yaml");

    // YAML with short-form tags, as people write templates by hand.
    private const string Template = """
        Parameters:
          Visibility:
            Type: Number
            Default: 45
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub "${AWS::StackName}-queue"
              VisibilityTimeout: !Ref Visibility
          Topic:
            Type: AWS::SNS::Topic
            Properties:
              DisplayName: !Select [1, !Split [",", "a,b,c"]]
        Outputs:
          QueueArn:
            Value: !GetAtt Queue.Arn
          TopicName:
            Value: !GetAtt [Topic, TopicName]
        """;

    [SkippableFact]
    public void Create_wait_describe_and_delete_a_stack()
    {
        ExternalTool.RequireAwsCli();
        File.WriteAllText(_file, Template);

        var created = _aws.Json("cloudformation", "create-stack", "--stack-name", _name, "--template-body", $"file://{_file}");
        _aws.Ok("cloudformation", "wait", "stack-create-complete", "--stack-name", _name);
        var stack = _aws.Json("cloudformation", "describe-stacks", "--stack-name", _name)["Stacks"]![0]!;
        var events = _aws.Json("cloudformation", "describe-stack-events", "--stack-name", _name)["StackEvents"]!.AsArray();
        var queue = _aws.Json("sqs", "get-queue-attributes", "--queue-url", _aws.Json("sqs", "get-queue-url", "--queue-name", $"{_name}-queue")["QueueUrl"]!.ToString(), "--attribute-names", "VisibilityTimeout");
        _aws.Ok("cloudformation", "delete-stack", "--stack-name", _name);
        _aws.Ok("cloudformation", "wait", "stack-delete-complete", "--stack-name", (string)created["StackId"]!);

        Assert.Equal((string?)created["StackId"], (string?)stack["StackId"]);
        Assert.Equal("CREATE_COMPLETE", (string?)stack["StackStatus"]);
        Assert.Contains(stack["Outputs"]!.AsArray(), o => (string?)o!["OutputKey"] == "QueueArn" && (string?)o["OutputValue"] == $"arn:aws:sqs:us-east-1:000000000000:{_name}-queue");
        Assert.Equal("45", (string?)queue["Attributes"]!["VisibilityTimeout"]);
        Assert.Equal(("CREATE_COMPLETE", _name), ((string?)events[0]!["ResourceStatus"], (string?)events[0]!["LogicalResourceId"]));
        Assert.Equal(("CREATE_IN_PROGRESS", "User Initiated"), ((string?)events[^1]!["ResourceStatus"], (string?)events[^1]!["ResourceStatusReason"]));
        Assert.Contains("NonExistentQueue", _aws.Error("sqs", "get-queue-url", "--queue-name", $"{_name}-queue"), StringComparison.Ordinal);
        Assert.Equal("DELETE_COMPLETE", (string?)_aws.Json("cloudformation", "describe-stacks", "--stack-name", (string)created["StackId"]!)["Stacks"]![0]!["StackStatus"]);
    }

    [SkippableFact]
    public void Cloudformation_deploy_creates_updates_and_finds_nothing_to_change()
    {
        ExternalTool.RequireAwsCli();
        File.WriteAllText(_file, Template);

        var created = _aws.Run("cloudformation", "deploy", "--stack-name", _name, "--template-file", _file);
        var updated = _aws.Run("cloudformation", "deploy", "--stack-name", _name, "--template-file", _file, "--parameter-overrides", "Visibility=60");
        var unchanged = _aws.Run("cloudformation", "deploy", "--stack-name", _name, "--template-file", _file, "--parameter-overrides", "Visibility=60");
        var stack = _aws.Json("cloudformation", "describe-stacks", "--stack-name", _name)["Stacks"]![0]!;
        var queue = _aws.Json("sqs", "get-queue-attributes", "--queue-url", _aws.Json("sqs", "get-queue-url", "--queue-name", $"{_name}-queue")["QueueUrl"]!.ToString(), "--attribute-names", "VisibilityTimeout");

        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.Contains($"Successfully created/updated stack - {_name}", created.Stdout, StringComparison.Ordinal);
        Assert.True(updated.ExitCode == 0, updated.Stderr);
        Assert.True(unchanged.ExitCode == 0, unchanged.Stderr);
        Assert.Contains($"No changes to deploy. Stack {_name} is up to date", unchanged.Stdout, StringComparison.Ordinal);
        Assert.Equal("UPDATE_COMPLETE", (string?)stack["StackStatus"]);
        Assert.Equal("60", (string?)queue["Attributes"]!["VisibilityTimeout"]);
    }

    [SkippableFact]
    public void An_unknown_stack_is_a_validation_error()
    {
        ExternalTool.RequireAwsCli();

        var error = _aws.Error("cloudformation", "describe-stacks", "--stack-name", _name);

        Assert.Equal($"An error occurred (ValidationError) when calling the DescribeStacks operation: Stack with id {_name} does not exist", error);
    }

    [SkippableFact]
    public void A_second_stack_of_the_same_name_already_exists()
    {
        ExternalTool.RequireAwsCli();
        File.WriteAllText(_file, Template);
        _aws.Ok("cloudformation", "create-stack", "--stack-name", _name, "--template-body", $"file://{_file}");

        var error = _aws.Error("cloudformation", "create-stack", "--stack-name", _name, "--template-body", $"file://{_file}");

        Assert.Equal($"An error occurred (AlreadyExistsException) when calling the CreateStack operation: Stack [{_name}] already exists", error);
    }

    public void Dispose() => File.Delete(_file);
}
