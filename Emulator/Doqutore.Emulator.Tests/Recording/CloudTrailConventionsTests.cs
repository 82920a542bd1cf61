using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.Recording;

public sealed class CloudTrailConventionsTests
{
    [Theory]
    [InlineData("DescribeTrails", true)]
    [InlineData("LookupEvents", true)]
    [InlineData("AssumeRole", true)]
    [InlineData("StopLogging", false)]
    [InlineData("DeleteTrail", false)]
    [InlineData("PutEventSelectors", false)]
    public void Reads_and_writes_are_told_apart(string operation, bool readOnly)
    {
        Assert.Equal(readOnly, CloudTrailConventions.IsReadOnly(operation));
    }

    [Theory]
    [InlineData("GetTrailStatus", true)]
    [InlineData("ListUsers", true)]
    [InlineData("DescribeTrails", true)]
    [InlineData("GetSessionToken", false)]
    [InlineData("GetFederationToken", false)]
    [InlineData("AssumeRole", false)]
    [InlineData("TestEventPattern", false)]
    public void EventBridge_withholds_Get_List_and_Describe_events_without_the_opt_in(string operation, bool needsOptIn)
    {
        Assert.Equal(needsOptIn, CloudTrailConventions.NeedsReadOnlyOptIn(operation));
    }

    [Theory]
    [InlineData("s3", "GetObject", "AWS::S3::Object")]
    [InlineData("dynamodb", "PutItem", "AWS::DynamoDB::Table")]
    [InlineData("lambda", "Invoke", "AWS::Lambda::Function")]
    [InlineData("s3", "CreateBucket", null)]
    [InlineData("cloudtrail", "StopLogging", null)]
    public void Data_events_are_the_object_item_and_invoke_operations(string service, string operation, string? type)
    {
        Assert.Equal(type, CloudTrailConventions.DataEventType(service, operation));
    }

    [Theory]
    [InlineData("cloudtrail.amazonaws.com", "aws.cloudtrail")]
    [InlineData("iam.amazonaws.com", "aws.iam")]
    [InlineData("monitoring.amazonaws.com", "aws.cloudwatch")]
    public void EventBridge_sources_follow_the_event_source(string eventSource, string source)
    {
        Assert.Equal(source, CloudTrailConventions.EventBridgeSource(eventSource));
    }

    [Theory]
    [InlineData("arn:aws:iam::000000000000:user/ops/alice", "AWS::IAM::User", "alice")]
    [InlineData("arn:aws:cloudtrail:us-east-1:000000000000:trail/main", "AWS::CloudTrail::Trail", "main")]
    [InlineData("arn:aws:sqs:us-east-1:000000000000:orders", "AWS::SQS::Queue", "orders")]
    [InlineData("arn:aws:s3:::bucket/logs/a.json", "AWS::S3::Object", "bucket/logs/a.json")]
    public void Resource_types_are_read_from_ARNs(string arn, string type, string name)
    {
        var resource = ResourceTypes.Describe(arn)!;

        Assert.Equal(type, resource.Type);
        Assert.Equal(name, resource.Name);
    }

    [Fact]
    public void Wildcards_name_no_resource()
    {
        Assert.Null(ResourceTypes.Describe("*"));
        Assert.Null(ResourceTypes.Describe("arn:aws:iam::000000000000:user/*"));
    }
}
