using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Emulator.Authorization.Requests;

namespace Doqutore.Emulator.Tests.Authorization;

/// <summary>Operations to IAM actions and resources, per the AWS Service Authorization Reference.</summary>
public class RequestMappingTests
{
    private const string Account = "123456789012";
    private const string Region = "eu-west-1";

    [Theory]
    [InlineData("sts", "GetCallerIdentity", "sts:GetCallerIdentity")]
    [InlineData("iam", "AttachUserPolicy", "iam:AttachUserPolicy")]
    [InlineData("cloudtrail", "StopLogging", "cloudtrail:StopLogging")]
    [InlineData("monitoring", "PutMetricData", "cloudwatch:PutMetricData")]
    [InlineData("streams.dynamodb", "GetRecords", "dynamodb:GetRecords")]
    [InlineData("lambda", "Invoke", "lambda:InvokeFunction")]
    [InlineData("sqs", "SendMessageBatch", "sqs:SendMessage")]
    [InlineData("s3", "ListObjectsV2", "s3:ListBucket")]
    [InlineData("s3", "HeadObject", "s3:GetObject")]
    [InlineData("s3", "CompleteMultipartUpload", "s3:PutObject")]
    [InlineData("s3", "DeleteObjects", "s3:DeleteObject")]
    [InlineData("s3", "ListBuckets", "s3:ListAllMyBuckets")]
    [InlineData("s3", "PutBucketPolicy", "s3:PutBucketPolicy")]
    [InlineData("s3", "DeleteBucketCors", "s3:PutBucketCORS")]
    [InlineData("s3", "ListDirectoryBuckets", "s3express:ListAllMyDirectoryBuckets")]
    [InlineData("apigateway", "GetRestApis", "apigateway:GET")]
    [InlineData("apigateway", "UpdateStage", "apigateway:PATCH")]
    public void Operations_map_to_their_IAM_action(string service, string operation, string action)
    {
        var model = ServiceModels.Get(service);

        Assert.Equal(action, IamActions.For(model, model.GetOperation(operation)));
    }

    public static TheoryData<string, string, string, string> Resources => new()
    {
        { "s3", "GetObject", """{"Bucket":"site","Key":"a/b.html"}""", "arn:aws:s3:::site/a/b.html" },
        { "s3", "ListObjectsV2", """{"Bucket":"site"}""", "arn:aws:s3:::site" },
        { "s3", "ListBuckets", "{}", "*" },
        { "dynamodb", "GetItem", """{"TableName":"patients"}""", $"arn:aws:dynamodb:{Region}:{Account}:table/patients" },
        { "dynamodb", "Query", """{"TableName":"patients","IndexName":"byDoctor"}""", $"arn:aws:dynamodb:{Region}:{Account}:table/patients/index/byDoctor" },
        { "sqs", "SendMessage", """{"QueueUrl":"http://127.0.0.1:4566/123456789012/orders"}""", $"arn:aws:sqs:{Region}:{Account}:orders" },
        { "lambda", "Invoke", """{"FunctionName":"responder"}""", $"arn:aws:lambda:{Region}:{Account}:function:responder" },
        { "lambda", "Invoke", """{"FunctionName":"arn:aws:lambda:us-east-1:111111111111:function:other"}""", "arn:aws:lambda:us-east-1:111111111111:function:other" },
        { "iam", "AttachUserPolicy", """{"UserName":"mallory","PolicyArn":"arn:aws:iam::aws:policy/AWSDenyAll"}""", "arn:aws:iam::aws:policy/AWSDenyAll" },
        { "iam", "CreateAccessKey", """{"UserName":"mallory"}""", $"arn:aws:iam::{Account}:user/mallory" },
        { "cloudtrail", "StopLogging", """{"Name":"management"}""", $"arn:aws:cloudtrail:{Region}:{Account}:trail/management" },
        { "cloudtrail", "StopLogging", """{"Name":"arn:aws:cloudtrail:eu-west-1:111111111111:trail/org"}""", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/org" },
        { "cloudtrail", "PutEventSelectors", """{"TrailName":"management"}""", $"arn:aws:cloudtrail:{Region}:{Account}:trail/management" },
        { "cloudtrail", "AddTags", """{"ResourceId":"arn:aws:cloudtrail:eu-west-1:111111111111:trail/org","TagsList":[]}""", "arn:aws:cloudtrail:eu-west-1:111111111111:trail/org" },
        { "cloudtrail", "LookupEvents", "{}", "*" },
        { "events", "PutRule", """{"Name":"stop-logging"}""", $"arn:aws:events:{Region}:{Account}:rule/stop-logging" },
        { "events", "PutRule", """{"Name":"r","EventBusName":"security"}""", $"arn:aws:events:{Region}:{Account}:rule/security/r" },
        { "events", "PutRule", """{"Name":"r","EventBusName":"default"}""", $"arn:aws:events:{Region}:{Account}:rule/r" },
        { "events", "CreateEventBus", """{"Name":"security"}""", $"arn:aws:events:{Region}:{Account}:event-bus/security" },
        { "events", "DescribeEventBus", "{}", $"arn:aws:events:{Region}:{Account}:event-bus/default" },
        { "events", "DeleteEventBus", """{"Name":"security"}""", $"arn:aws:events:{Region}:{Account}:event-bus/security" },
        { "logs", "PutLogEvents", """{"logGroupName":"/aws/lambda/f","logStreamName":"s1"}""", $"arn:aws:logs:{Region}:{Account}:log-group:/aws/lambda/f:log-stream:s1" },
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Requests_map_to_the_resources_they_name(string service, string operation, string input, string arn)
    {
        var model = ServiceModels.Get(service);

        var resources = ResourceArns.For(model, model.GetOperation(operation), JsonNode.Parse(input)!.AsObject(), Account, Region);

        Assert.Equal([arn], resources);
    }

    [Fact]
    public void Batch_writes_name_every_table()
    {
        var model = ServiceModels.Get("dynamodb");
        var input = JsonNode.Parse("""{"RequestItems":{"patients":[],"doctors":[]}}""")!.AsObject();

        var resources = ResourceArns.For(model, model.GetOperation("BatchWriteItem"), input, Account, Region);

        Assert.Equal([$"arn:aws:dynamodb:{Region}:{Account}:table/patients", $"arn:aws:dynamodb:{Region}:{Account}:table/doctors"], resources);
    }

    [Fact]
    public void Every_operation_of_every_model_maps_without_failing()
    {
        foreach (var model in ServiceModels.All())
        {
            foreach (var operation in model.Operations.Values)
            {
                Assert.Matches("^[a-z0-9-]+:[A-Za-z0-9]+$", IamActions.For(model, operation));
                Assert.NotEmpty(ResourceArns.For(model, operation, [], Account, Region));
            }
        }
    }

    [Theory]
    [InlineData("ChangePassword", "{}")]
    [InlineData("CreateAccessKey", "{}")]
    [InlineData("GetUser", "{}")]
    public void Iam_operations_without_a_user_name_act_on_the_calling_user(string operation, string input)
    {
        var model = ServiceModels.Get("iam");
        var caller = $"arn:aws:iam::{Account}:user/ops/mallory";

        var resources = ResourceArns.For(model, model.GetOperation(operation), JsonNode.Parse(input)!.AsObject(), Account, Region, caller);

        Assert.Equal([caller], resources);
    }
}
