using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.Json;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Protocols.Json;

public class JsonCodecTests
{
    private static readonly Uri Endpoint = new("http://localhost:4566");
    private readonly IProtocolCodec _codec = ProtocolCodecs.For(Protocol.Json);

    private static WireRequest Post(ServiceModel model, string operation, string body)
    {
        var request = new WireRequest { Body = Encoding.UTF8.GetBytes(body) };
        request.Headers["X-Amz-Target"] = $"{model.Metadata.TargetPrefix}.{operation}";
        request.Headers["Content-Type"] = model.Metadata.JsonContentType;
        return request;
    }

    [Fact]
    public void DynamoDB_PutItem_request_with_nested_attribute_values_round_trips()
    {
        var model = ServiceModels.Get("dynamodb");
        var operation = model.GetOperation("PutItem");
        var item = JsonNode.Parse("""
            {"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1.5"},"b":{"B":"AAEC"},"m":{"M":{"l":{"L":[{"BOOL":true},{"NULL":true},{"SS":["x","y"]}]}}}},"ReturnValues":"ALL_OLD"}
            """)!.AsObject();

        var request = _codec.SerializeRequest(model, operation, new OperationData(item.DeepClone().AsObject()), Endpoint);
        var resolved = _codec.ResolveOperation(model, request);
        var parsed = _codec.ParseRequest(model, resolved!, request);

        Assert.Equal("POST", request.Method);
        Assert.Equal("DynamoDB_20120810.PutItem", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.Same(operation, resolved);
        Assert.Equal(item.ToJsonString(), parsed.Values.ToJsonString());
    }

    [Fact]
    public void Sqs_SendMessage_with_message_attributes_round_trips()
    {
        var model = ServiceModels.Get("sqs");
        var operation = model.GetOperation("SendMessage");
        var input = JsonNode.Parse("""
            {"QueueUrl":"http://localhost:4566/000000000000/q","MessageBody":"hi","DelaySeconds":5,
             "MessageAttributes":{"k":{"StringValue":"v","DataType":"String"},"bin":{"BinaryValue":"AQID","DataType":"Binary"}}}
            """)!.AsObject();

        var request = _codec.SerializeRequest(model, operation, new OperationData(input.DeepClone().AsObject()), Endpoint);
        var parsed = _codec.ParseRequest(model, _codec.ResolveOperation(model, request)!, request);

        Assert.Equal("AmazonSQS.SendMessage", request.Headers["X-Amz-Target"]);
        Assert.Equal(input.ToJsonString(), parsed.Values.ToJsonString());
    }

    [Fact]
    public void CloudTrail_LookupEvents_timestamps_travel_as_epoch_seconds_and_come_back_as_dates()
    {
        var model = ServiceModels.Get("cloudtrail");
        var operation = model.GetOperation("LookupEvents");
        var start = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var input = new JsonObject { ["StartTime"] = start, ["EndTime"] = "2024-01-03T00:00:00Z", ["MaxResults"] = 10 };

        var request = _codec.SerializeRequest(model, operation, new OperationData(input), Endpoint);
        var body = Encoding.UTF8.GetString(request.Body.Span);
        var parsed = _codec.ParseRequest(model, operation, request);

        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal("""{"StartTime":1704164645.678,"EndTime":1704240000,"MaxResults":10}""", body);
        Assert.Equal(start, parsed.Values["StartTime"]!.GetValue<DateTimeOffset>());
        Assert.Equal(10L, parsed.Values["MaxResults"]!.GetValue<long>());
    }

    [Fact]
    public void CloudTrail_LookupEvents_response_parses_event_times()
    {
        var model = ServiceModels.Get("cloudtrail");
        var operation = model.GetOperation("LookupEvents");
        var output = new OperationData(new JsonObject
        {
            ["Events"] = new JsonArray(new JsonObject { ["EventId"] = "e1", ["EventTime"] = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero) }),
        });

        var response = _codec.SerializeResponse(model, operation, output, "req-1");
        var parsed = _codec.ParseResponse(model, operation, response);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("req-1", response.Headers["x-amzn-RequestId"]);
        Assert.Equal("application/x-amz-json-1.1", response.Headers["Content-Type"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), parsed.Values["Events"]![0]!["EventTime"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public void An_operation_without_input_sends_an_empty_object()
    {
        var model = ServiceModels.Get("dynamodb");
        var operation = model.GetOperation("DescribeEndpoints");

        var request = _codec.SerializeRequest(model, operation, new OperationData(), Endpoint);

        Assert.Equal("{}", Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public void An_empty_body_is_an_empty_input()
    {
        var model = ServiceModels.Get("sqs");
        var request = Post(model, "ListQueues", string.Empty);

        var parsed = _codec.ParseRequest(model, _codec.ResolveOperation(model, request)!, request);

        Assert.Empty(parsed.Values);
    }

    [Fact]
    public void Unknown_members_are_ignored()
    {
        var model = ServiceModels.Get("sqs");
        var request = Post(model, "ListQueues", """{"QueueNamePrefix":"a","Bogus":{"x":[1,2]}}""");

        var parsed = _codec.ParseRequest(model, model.GetOperation("ListQueues"), request);

        Assert.Equal("""{"QueueNamePrefix":"a"}""", parsed.Values.ToJsonString());
    }

    [Fact]
    public void A_target_with_another_services_prefix_is_not_resolved()
    {
        var model = ServiceModels.Get("dynamodb");
        var request = Post(model, "PutItem", "{}");
        request.Headers["X-Amz-Target"] = "AmazonSQS.PutItem";

        Assert.Null(_codec.ResolveOperation(model, request));
    }

    [Fact]
    public void An_unknown_target_is_an_UnknownOperationException_naming_it()
    {
        var model = ServiceModels.Get("dynamodb");
        var request = Post(model, "Frobnicate", "{}");

        Assert.Null(_codec.ResolveOperation(model, request));
        var error = _codec.UnknownOperation(model, request);

        Assert.Equal("UnknownOperationException", error.Code);
        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("Unknown operation DynamoDB_20120810.Frobnicate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_target_is_an_UnknownOperationException()
    {
        var model = ServiceModels.Get("dynamodb");
        var request = new WireRequest { Body = "{}"u8.ToArray() };

        Assert.Null(_codec.ResolveOperation(model, request));
        var error = _codec.UnknownOperation(model, request);

        Assert.Equal("UnknownOperationException", error.Code);
        Assert.Contains("X-Amz-Target", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"TableName\":")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Malformed_JSON_is_a_SerializationException(string body)
    {
        var model = ServiceModels.Get("dynamodb");
        var request = Post(model, "GetItem", body);

        var error = Assert.Throws<AwsServiceException>(() => _codec.ParseRequest(model, model.GetOperation("GetItem"), request));

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void A_string_where_a_number_is_expected_is_a_SerializationException_naming_the_member()
    {
        var model = ServiceModels.Get("sqs");
        var request = Post(model, "SendMessage", """{"QueueUrl":"u","MessageBody":"b","DelaySeconds":"five"}""");

        var error = Assert.Throws<AwsServiceException>(() => _codec.ParseRequest(model, model.GetOperation("SendMessage"), request));

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal("Invalid value for member 'DelaySeconds': expected an integer, found a string.", error.Message);
    }

    [Fact]
    public void Error_body_and_headers_carry_the_code()
    {
        var model = ServiceModels.Get("dynamodb");
        var error = new AwsServiceException("ResourceNotFoundException", "Requested resource not found") { Details = new JsonObject { ["TableName"] = "t" } };

        var response = _codec.SerializeError(model, error, "rid");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers["X-Amzn-ErrorType"]);
        Assert.Equal("rid", response.Headers["x-amzn-RequestId"]);
        Assert.Null(response.Headers["x-amzn-query-error"]);
        Assert.Equal("""{"__type":"ResourceNotFoundException","message":"Requested resource not found","TableName":"t"}""", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public void Sqs_errors_carry_the_query_error_code_header()
    {
        var model = ServiceModels.Get("sqs");
        var error = new AwsServiceException("QueueDoesNotExist", "The specified queue does not exist.") { QueryErrorCode = "AWS.SimpleQueueService.NonExistentQueue" };

        var response = _codec.SerializeError(model, error, "rid");

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", response.Headers["x-amzn-query-error"]);
    }

    [Fact]
    public void Client_reads_the_query_code_of_a_query_compatible_service()
    {
        var model = ServiceModels.Get("sqs");
        var response = _codec.SerializeError(model, new AwsServiceException("QueueDoesNotExist", "gone") { QueryErrorCode = "AWS.SimpleQueueService.NonExistentQueue" }, "rid");

        var error = _codec.ParseError(model, response);

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.Code);
        Assert.Equal("gone", error.Message);
        Assert.Equal("rid", error.RequestId);
    }

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"m"}""", "ResourceNotFoundException", "m")]
    [InlineData("""{"__type":"ValidationException:http://internal.amazon.com/","Message":"M"}""", "ValidationException", "M")]
    [InlineData("""{"code":"ThrottlingException"}""", "ThrottlingException", "")]
    public void Client_strips_namespaces_from_error_codes(string body, string code, string message)
    {
        var model = ServiceModels.Get("dynamodb");
        var response = new WireResponse { StatusCode = 400, Body = Encoding.UTF8.GetBytes(body) };

        var error = _codec.ParseError(model, response);

        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Client_falls_back_to_the_error_type_header()
    {
        var model = ServiceModels.Get("logs");
        var response = new WireResponse { StatusCode = 400, Body = "not json"u8.ToArray() };
        response.Headers["X-Amzn-ErrorType"] = "InvalidParameterException:http://x";

        var error = _codec.ParseError(model, response);

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Equal("not json", error.Message);
    }

    [Fact]
    public void Every_json_model_registers_this_codec()
    {
        Assert.IsType<JsonCodec>(ProtocolCodecs.For(ServiceModels.Get("events")));
    }
}
