using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.Query;
using Doqutore.Aws.Wire;
using static Doqutore.Aws.Tests.Protocols.Xml.CodecHarness;

namespace Doqutore.Aws.Tests.Protocols.Query;

public class QueryCodecTests
{
    private static readonly QueryCodec Codec = new();
    private static ServiceModel Iam => ServiceModels.Get("iam");
    private static ServiceModel Sns => ServiceModels.Get("sns");
    private static ServiceModel Sts => ServiceModels.Get("sts");
    private static ServiceModel SqsQuery => ServiceModels.Get("sqs", Protocol.Query)!;
    private static ServiceModel CloudWatch => ServiceModels.Get("monitoring");

    private static WireRequest FormRequest(string body) => new()
    {
        Method = "POST",
        Body = Encoding.UTF8.GetBytes(body),
        Headers = { { "Content-Type", QueryCodec.FormContentType } },
    };

    [Fact]
    public void Iam_CreateUser_request_is_form_encoded_with_action_version_and_tags()
    {
        var input = new OperationData(Tree("""{"UserName":"alice","Path":"/ops/","Tags":[{"Key":"team","Value":"sec"}]}"""));

        var (wire, resolved, parsed) = SendRequest(Iam, "CreateUser", input);

        Assert.Equal("POST", wire.Method);
        Assert.Equal(QueryCodec.FormContentType, wire.ContentType);
        Assert.Equal("Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fops%2F&Tags.member.1.Key=team&Tags.member.1.Value=sec", Text(wire.Body));
        Assert.Equal("CreateUser", resolved.Name);
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void Iam_ListUsers_response_round_trips_with_timestamps_and_is_wrapped()
    {
        var output = new OperationData(new JsonObject
        {
            ["Users"] = new JsonArray(new JsonObject
            {
                ["Path"] = "/", ["UserName"] = "alice", ["UserId"] = "AIDAEXAMPLE", ["Arn"] = "arn:aws:iam::000000000000:user/alice",
                ["CreateDate"] = Time("2024-05-06T07:08:09Z"),
            }),
            ["IsTruncated"] = false,
        });

        var (wire, parsed) = SendResponse(Iam, "ListUsers", output, "rid-7");

        var xml = Text(wire.Body);
        Assert.StartsWith("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users><member><Path>/</Path>", xml);
        Assert.Contains("<CreateDate>2024-05-06T07:08:09Z</CreateDate>", xml);
        Assert.EndsWith("<ResponseMetadata><RequestId>rid-7</RequestId></ResponseMetadata></ListUsersResponse>", xml);
        Assert.Equal("text/xml", wire.Headers["Content-Type"]);
        Assert.Equal("rid-7", wire.Headers["x-amzn-RequestId"]);
        AssertTree(output.Values, parsed.Values);
    }

    [Fact]
    public void Iam_GetUser_response_round_trips_a_nested_structure()
    {
        var output = new OperationData(new JsonObject
        {
            ["User"] = new JsonObject
            {
                ["Path"] = "/", ["UserName"] = "bob", ["UserId"] = "AIDABOB", ["Arn"] = "arn:aws:iam::000000000000:user/bob",
                ["CreateDate"] = Time("2023-01-01T00:00:00.5Z"), ["PasswordLastUsed"] = Time("2024-02-03T04:05:06Z"),
                ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }),
            },
        });

        var (_, parsed) = SendResponse(Iam, "GetUser", output);

        AssertTree(output.Values, parsed.Values);
    }

    [Fact]
    public void Sns_Publish_writes_message_attributes_as_entry_name_value()
    {
        var input = new OperationData(Tree("""
            {"TopicArn":"arn:aws:sns:us-east-1:000000000000:t","Message":"hi",
             "MessageAttributes":{"color":{"DataType":"String","StringValue":"red"},"n":{"DataType":"Number","StringValue":"3"}}}
            """));

        var (wire, _, parsed) = SendRequest(Sns, "Publish", input);

        var pairs = FormEncoding.Parse(Text(wire.Body)).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("color", pairs["MessageAttributes.entry.1.Name"]);
        Assert.Equal("String", pairs["MessageAttributes.entry.1.Value.DataType"]);
        Assert.Equal("3", pairs["MessageAttributes.entry.2.Value.StringValue"]);
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void Sqs_query_SendMessageBatch_uses_flattened_names_from_the_model()
    {
        var input = new OperationData(Tree("""
            {"QueueUrl":"http://localhost:4566/000000000000/q","Entries":[
              {"Id":"a","MessageBody":"one","DelaySeconds":5,"MessageAttributes":{"k":{"DataType":"Binary","BinaryValue":"AAEC"}}},
              {"Id":"b","MessageBody":"two"}]}
            """));

        var (wire, _, parsed) = SendRequest(SqsQuery, "SendMessageBatch", input);

        var pairs = FormEncoding.Parse(Text(wire.Body)).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("a", pairs["SendMessageBatchRequestEntry.1.Id"]);
        Assert.Equal("5", pairs["SendMessageBatchRequestEntry.1.DelaySeconds"]);
        Assert.Equal("k", pairs["SendMessageBatchRequestEntry.1.MessageAttribute.1.Name"]);
        Assert.Equal("AAEC", pairs["SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue"]);
        Assert.Equal("two", pairs["SendMessageBatchRequestEntry.2.MessageBody"]);
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void Sqs_query_ReceiveMessage_request_replaces_the_list_name_with_the_member_name()
    {
        var input = new OperationData(Tree("""{"QueueUrl":"q","AttributeNames":["All"],"MessageAttributeNames":["a","b"],"MaxNumberOfMessages":10}"""));

        var (wire, _, parsed) = SendRequest(SqsQuery, "ReceiveMessage", input);

        Assert.Equal("Action=ReceiveMessage&Version=2012-11-05&QueueUrl=q&AttributeName.1=All&MessageAttributeName.1=a&MessageAttributeName.2=b&MaxNumberOfMessages=10", Text(wire.Body));
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void Sqs_query_ReceiveMessage_response_writes_flattened_messages_and_attributes()
    {
        var output = new OperationData(Tree("""
            {"Messages":[{"MessageId":"m1","ReceiptHandle":"r1","MD5OfBody":"x","Body":"hello",
              "Attributes":{"SenderId":"AIDA","ApproximateReceiveCount":"1"},
              "MessageAttributes":{"color":{"StringValue":"red","DataType":"String"}}},
              {"MessageId":"m2","Body":"again"}]}
            """));

        var (wire, parsed) = SendResponse(SqsQuery, "ReceiveMessage", output);

        var xml = Text(wire.Body);
        Assert.Contains("<ReceiveMessageResult><Message><MessageId>m1</MessageId>", xml);
        Assert.Contains("<Attribute><Name>SenderId</Name><Value>AIDA</Value></Attribute>", xml);
        Assert.Contains("<MessageAttribute><Name>color</Name><Value><StringValue>red</StringValue><DataType>String</DataType></Value></MessageAttribute>", xml);
        AssertTree(output.Values, parsed.Values);
    }

    [Fact]
    public void CloudWatch_PutMetricData_round_trips_dimensions_values_and_timestamps()
    {
        var input = new OperationData(new JsonObject
        {
            ["Namespace"] = "App",
            ["MetricData"] = new JsonArray(new JsonObject
            {
                ["MetricName"] = "Latency",
                ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "Fn", ["Value"] = "f1" }),
                ["Timestamp"] = Time("2024-01-02T03:04:05Z"),
                ["Value"] = 12.5,
                ["Unit"] = "Milliseconds",
            }),
        });

        var (wire, _, parsed) = SendRequest(CloudWatch, "PutMetricData", input);

        var pairs = FormEncoding.Parse(Text(wire.Body)).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("Fn", pairs["MetricData.member.1.Dimensions.member.1.Name"]);
        Assert.Equal("2024-01-02T03:04:05Z", pairs["MetricData.member.1.Timestamp"]);
        Assert.Equal("12.5", pairs["MetricData.member.1.Value"]);
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void Sts_GetCallerIdentity_round_trips_both_ways()
    {
        var (wire, resolved, parsed) = SendRequest(Sts, "GetCallerIdentity", new OperationData());
        var output = new OperationData(Tree("""{"UserId":"AIDA","Account":"000000000000","Arn":"arn:aws:iam::000000000000:user/a"}"""));
        var (response, read) = SendResponse(Sts, "GetCallerIdentity", output);

        Assert.Equal("Action=GetCallerIdentity&Version=2011-06-15", Text(wire.Body));
        Assert.Equal("GetCallerIdentity", resolved.Name);
        Assert.Empty(parsed.Values);
        Assert.StartsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>", Text(response.Body));
        AssertTree(output.Values, read.Values);
    }

    [Fact]
    public void Sts_AssumeRole_round_trips_credentials_with_expiration()
    {
        var input = new OperationData(Tree("""{"RoleArn":"arn:aws:iam::000000000000:role/r","RoleSessionName":"s","DurationSeconds":900,"PolicyArns":[{"arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}]}"""));
        var output = new OperationData(new JsonObject
        {
            ["Credentials"] = new JsonObject
            {
                ["AccessKeyId"] = "ASIAEXAMPLE", ["SecretAccessKey"] = "secret", ["SessionToken"] = "token",
                ["Expiration"] = Time("2030-01-01T00:15:00Z"),
            },
            ["AssumedRoleUser"] = new JsonObject { ["AssumedRoleId"] = "AROA:s", ["Arn"] = "arn:aws:sts::000000000000:assumed-role/r/s" },
            ["PackedPolicySize"] = 6L,
        });

        var (wire, _, parsed) = SendRequest(Sts, "AssumeRole", input);
        var (_, read) = SendResponse(Sts, "AssumeRole", output);

        Assert.Contains("PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess", Text(wire.Body));
        AssertTree(input.Values, parsed.Values);
        AssertTree(output.Values, read.Values);
    }

    [Fact]
    public void An_empty_list_is_sent_as_a_bare_key_and_read_back_empty()
    {
        var input = new OperationData(Tree("""{"QueueUrl":"q","AttributeNames":[]}"""));

        var (wire, _, parsed) = SendRequest(SqsQuery, "ReceiveMessage", input);

        Assert.EndsWith("&AttributeNames=", Text(wire.Body));
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void A_GET_request_with_parameters_in_the_query_string_is_understood()
    {
        var request = new WireRequest { Method = "GET", RawQuery = "Action=ListUsers&Version=2010-05-08&MaxItems=5&PathPrefix=%2Fa%2F" };

        var operation = Codec.ResolveOperation(Iam, request);
        var input = Codec.ParseRequest(Iam, operation!, request);

        Assert.Equal("ListUsers", operation!.Name);
        AssertTree(Tree("""{"PathPrefix":"/a/","MaxItems":5}"""), input.Values);
    }

    [Fact]
    public void Unknown_parameters_are_ignored()
    {
        var request = FormRequest("Action=GetUser&Version=2010-05-08&UserName=a&Bogus=1&Tags.member.1.Key=x");

        var input = Codec.ParseRequest(Iam, Codec.ResolveOperation(Iam, request)!, request);

        AssertTree(Tree("""{"UserName":"a"}"""), input.Values);
    }

    [Fact]
    public void An_unknown_action_is_InvalidAction()
    {
        var request = FormRequest("Action=FlyToTheMoon&Version=2010-05-08");

        Assert.Null(Codec.ResolveOperation(Iam, request));
        var error = Codec.UnknownOperation(Iam, request);

        Assert.Equal("InvalidAction", error.Code);
        Assert.Equal("The action FlyToTheMoon is not valid for this web service.", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void A_missing_action_is_MissingAction()
    {
        var request = FormRequest("Version=2010-05-08");

        Assert.Null(Codec.ResolveOperation(Iam, request));
        var error = Codec.UnknownOperation(Iam, request);

        Assert.Equal("MissingAction", error.Code);
        Assert.Equal("Missing Action", error.Message);
    }

    [Fact]
    public void A_non_number_for_an_integer_member_is_a_ValidationError()
    {
        var request = FormRequest("Action=ListUsers&Version=2010-05-08&MaxItems=lots");

        var error = Assert.Throws<AwsServiceException>(() => Codec.ParseRequest(Iam, Iam.GetOperation("ListUsers"), request));

        Assert.Equal("ValidationError", error.Code);
        Assert.Equal("1 validation error detected: Value 'lots' at 'maxItems' failed to satisfy constraint: Member must be a valid integer", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void A_bad_timestamp_is_a_ValidationError()
    {
        var request = FormRequest("Action=PutMetricData&Version=2010-08-01&Namespace=A&MetricData.member.1.MetricName=m&MetricData.member.1.Timestamp=yesterday");

        var error = Assert.Throws<AwsServiceException>(() => Codec.ParseRequest(CloudWatch, CloudWatch.GetOperation("PutMetricData"), request));

        Assert.Equal("ValidationError", error.Code);
        Assert.Equal("1 validation error detected: Value 'yesterday' at 'metricData.member.1.timestamp' failed to satisfy constraint: Member must be a valid timestamp", error.Message);
    }

    [Fact]
    public void An_error_is_written_as_ErrorResponse_and_read_back()
    {
        var thrown = new AwsServiceException("NoSuchEntity", "The user with name x cannot be found.", 404)
        {
            Details = new JsonObject { ["Resource"] = "x" },
        };

        var wire = Codec.SerializeError(Iam, thrown, "rid-9");
        var read = Codec.ParseError(Iam, wire);

        Assert.Equal(404, wire.StatusCode);
        Assert.Equal("text/xml", wire.Headers["Content-Type"]);
        Assert.Equal("rid-9", wire.Headers["x-amzn-RequestId"]);
        Assert.Equal(
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name x cannot be found.</Message><Resource>x</Resource></Error><RequestId>rid-9</RequestId></ErrorResponse>",
            Text(wire.Body));
        Assert.Equal(("NoSuchEntity", "The user with name x cannot be found.", 404, true, "rid-9"), (read.Code, read.Message, read.StatusCode, read.SenderFault, read.RequestId));
        Assert.Equal("x", (string?)read.Details["Resource"]);
    }

    [Fact]
    public void A_receiver_fault_is_written_as_Receiver()
    {
        var wire = Codec.SerializeError(Sns, new AwsServiceException("InternalError", "boom", 500, senderFault: false), "r");

        var read = Codec.ParseError(Sns, wire);

        Assert.Contains("<Type>Receiver</Type>", Text(wire.Body));
        Assert.False(read.SenderFault);
    }

    [Fact]
    public void An_error_response_that_is_not_xml_is_read_from_its_status()
    {
        var wire = new WireResponse { StatusCode = 503, Body = "<html>busy"u8.ToArray() };

        var read = Codec.ParseError(Iam, wire);

        Assert.Equal("ServiceUnavailable", read.Code);
        Assert.Equal(503, read.StatusCode);
    }

    [Fact]
    public void A_malformed_success_response_is_a_clear_client_error()
    {
        var wire = new WireResponse { Body = "<GetUserResponse><oops"u8.ToArray() };

        var error = Assert.Throws<AwsServiceException>(() => Codec.ParseResponse(Iam, Iam.GetOperation("GetUser"), wire));

        Assert.Equal("MalformedResponse", error.Code);
    }

    [Fact]
    public void An_operation_without_output_has_only_response_metadata()
    {
        var wire = Codec.SerializeResponse(Iam, Iam.GetOperation("DeleteUser"), new OperationData(), "rid");

        Assert.Equal(
            "<DeleteUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteUserResponse>",
            Text(wire.Body));
    }

    [Theory]
    [InlineData("sns", "http://sns.amazonaws.com/doc/2010-03-31/")]
    [InlineData("cloudformation", "http://cloudformation.amazonaws.com/doc/2010-05-15/")]
    [InlineData("monitoring", "http://monitoring.amazonaws.com/doc/2010-08-01/")]
    public void Responses_carry_the_namespace_AWS_uses(string service, string ns)
    {
        Assert.Equal(ns, QueryCodec.Namespace(ServiceModels.Get(service)));
    }

    [Fact]
    public void Query_era_sqs_responses_carry_the_queue_namespace()
    {
        Assert.Equal("http://queue.amazonaws.com/doc/2012-11-05/", QueryCodec.Namespace(SqsQuery));
    }
}
