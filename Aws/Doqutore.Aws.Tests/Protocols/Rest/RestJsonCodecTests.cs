using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.Rest;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Protocols.Rest;

public class RestJsonCodecTests
{
    private static readonly Uri Endpoint = new("http://localhost:4566");
    private readonly IProtocolCodec _codec = ProtocolCodecs.For(Protocol.RestJson);

    private static ServiceModel Lambda => ServiceModels.Get("lambda");

    private (WireRequest Request, OperationData Parsed) RoundTrip(ServiceModel model, string operation, JsonObject input, Stream? stream = null)
    {
        var request = _codec.SerializeRequest(model, model.GetOperation(operation), new OperationData(input) { Stream = stream }, Endpoint);
        var resolved = _codec.ResolveOperation(model, request);
        Assert.Equal(operation, resolved?.Name);
        return (request, _codec.ParseRequest(model, resolved!, request));
    }

    [Fact]
    public void Lambda_Invoke_binds_label_query_headers_and_raw_payload()
    {
        var payload = Convert.ToBase64String("{\"k\":1}"u8);
        var input = new JsonObject
        {
            ["FunctionName"] = "my fn", ["Qualifier"] = "$LATEST", ["InvocationType"] = "Event", ["LogType"] = "Tail", ["Payload"] = payload,
        };

        var (request, parsed) = RoundTrip(Lambda, "Invoke", input.DeepClone().AsObject());

        Assert.Equal("POST", request.Method);
        Assert.Equal("/2015-03-31/functions/my%20fn/invocations", request.RawPath);
        Assert.Equal("Qualifier=%24LATEST", request.RawQuery);
        Assert.Equal("Event", request.Headers["X-Amz-Invocation-Type"]);
        Assert.Equal("{\"k\":1}", Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal("application/octet-stream", request.Headers["Content-Type"]);
        Assert.Equal(input.ToJsonString(), new JsonObject(parsed.Values.OrderBy(p => Order(input, p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString());
    }

    private static int Order(JsonObject reference, string key) => reference.Select(p => p.Key).ToList().IndexOf(key);

    [Fact]
    public void Lambda_Invoke_response_carries_status_code_headers_and_payload()
    {
        var operation = Lambda.GetOperation("Invoke");
        var output = new OperationData(new JsonObject
        {
            ["StatusCode"] = 202, ["FunctionError"] = "Unhandled", ["ExecutedVersion"] = "$LATEST", ["Payload"] = Convert.ToBase64String("\"ok\""u8),
        });

        var response = _codec.SerializeResponse(Lambda, operation, output, "rid");
        var parsed = _codec.ParseResponse(Lambda, operation, response);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers["X-Amz-Function-Error"]);
        Assert.Equal("rid", response.Headers["x-amzn-RequestId"]);
        Assert.Equal("\"ok\"", Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(202L, parsed.Values["StatusCode"]!.GetValue<long>());
        Assert.Equal("Unhandled", parsed.Values["FunctionError"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String("\"ok\""u8), parsed.Values["Payload"]!.GetValue<string>());
    }

    [Fact]
    public void Lambda_CreateFunction_sends_a_json_body_and_answers_201()
    {
        var input = new JsonObject
        {
            ["FunctionName"] = "f", ["Runtime"] = "provided.al2023", ["Role"] = "arn:aws:iam::000000000000:role/r", ["Handler"] = "h",
            ["Code"] = new JsonObject { ["ZipFile"] = "UEsDBA==" }, ["Timeout"] = 30,
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["A"] = "1" } },
        };

        var (request, parsed) = RoundTrip(Lambda, "CreateFunction", input.DeepClone().AsObject());
        var response = _codec.SerializeResponse(Lambda, Lambda.GetOperation("CreateFunction"), new OperationData(new JsonObject { ["FunctionName"] = "f" }), "rid");

        Assert.Equal("/2015-03-31/functions", request.RawPath);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal(input.ToJsonString(), parsed.Values.ToJsonString());
        Assert.Equal(201, response.StatusCode);
        Assert.Equal("""{"FunctionName":"f"}""", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public void Lambda_ListFunctions_binds_querystring_members_and_sends_no_body()
    {
        var (request, parsed) = RoundTrip(Lambda, "ListFunctions", new JsonObject { ["Marker"] = "a b", ["MaxItems"] = 5 });

        Assert.Equal("GET", request.Method);
        Assert.Equal("Marker=a%20b&MaxItems=5", request.RawQuery);
        Assert.True(request.Body.IsEmpty);
        Assert.Null(request.Headers["Content-Type"]);
        Assert.Equal("""{"Marker":"a b","MaxItems":5}""", parsed.Values.ToJsonString());
    }

    [Fact]
    public void Lambda_AddPermission_mixes_label_query_and_body()
    {
        var input = new JsonObject
        {
            ["FunctionName"] = "f", ["StatementId"] = "s", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "events.amazonaws.com", ["Qualifier"] = "1",
        };

        var (request, parsed) = RoundTrip(Lambda, "AddPermission", input.DeepClone().AsObject());

        Assert.Equal("/2015-03-31/functions/f/policy", request.RawPath);
        Assert.Equal("Qualifier=1", request.RawQuery);
        Assert.Equal("""{"StatementId":"s","Action":"lambda:InvokeFunction","Principal":"events.amazonaws.com"}""", Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal("f", parsed.Values["FunctionName"]!.GetValue<string>());
        Assert.Equal("1", parsed.Values["Qualifier"]!.GetValue<string>());
        Assert.Equal("s", parsed.Values["StatementId"]!.GetValue<string>());
    }

    [Fact]
    public void ApiGateway_resolves_the_most_specific_template_and_decodes_labels()
    {
        var model = ServiceModels.Get("apigateway");

        var (request, parsed) = RoundTrip(model, "GetResource", new JsonObject { ["restApiId"] = "abc", ["resourceId"] = "r/1", ["embed"] = new JsonArray("methods", "x") });

        Assert.Equal("/restapis/abc/resources/r%2F1", request.RawPath);
        Assert.Equal("embed=methods&embed=x", request.RawQuery);
        Assert.Equal("""{"restApiId":"abc","resourceId":"r/1","embed":["methods","x"]}""", parsed.Values.ToJsonString());
    }

    [Fact]
    public void ApiGateway_PutRestApi_takes_remaining_query_keys_into_its_parameters_map()
    {
        var model = ServiceModels.Get("apigateway");
        var input = new JsonObject
        {
            ["restApiId"] = "abc", ["mode"] = "overwrite", ["failOnWarnings"] = true,
            ["parameters"] = new JsonObject { ["ignore"] = "documentation" }, ["body"] = Convert.ToBase64String("{}"u8),
        };

        var (request, parsed) = RoundTrip(model, "PutRestApi", input.DeepClone().AsObject());

        Assert.Equal("mode=overwrite&failonwarnings=true&ignore=documentation", request.RawQuery);
        Assert.Equal("""{"ignore":"documentation"}""", parsed.Values["parameters"]!.ToJsonString());
        Assert.True(parsed.Values["failOnWarnings"]!.GetValue<bool>());
        Assert.Equal(input["body"]!.GetValue<string>(), parsed.Values["body"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_path_is_an_UnknownOperationException_naming_method_and_path()
    {
        var request = new WireRequest { Method = "GET", RawPath = "/2015-03-31/nothing-here" };

        Assert.Null(_codec.ResolveOperation(Lambda, request));
        var error = _codec.UnknownOperation(Lambda, request);

        Assert.Equal("UnknownOperationException", error.Code);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("No operation of Lambda matches GET /2015-03-31/nothing-here.", error.Message);
    }

    [Theory]
    [InlineData("/2015-03-31/functions")]
    [InlineData("/2015-03-31/functions/")]
    public void ListFunctions_resolves_with_or_without_the_trailing_slash(string path)
    {
        // botocore's model says /2015-03-31/functions, the aws-sdk model /2015-03-31/functions/.
        var request = new WireRequest { Method = "GET", RawPath = path };

        Assert.Equal("ListFunctions", _codec.ResolveOperation(Lambda, request)?.Name);
    }

    [Fact]
    public void A_known_path_with_another_method_is_not_resolved()
    {
        var request = new WireRequest { Method = "PATCH", RawPath = "/2015-03-31/functions/f" };

        Assert.Null(_codec.ResolveOperation(Lambda, request));
    }

    [Fact]
    public void A_malformed_body_is_a_SerializationException()
    {
        var request = new WireRequest { Method = "POST", RawPath = "/2015-03-31/functions", Body = "{\"FunctionName\":"u8.ToArray() };

        var error = Assert.Throws<AwsServiceException>(() => _codec.ParseRequest(Lambda, Lambda.GetOperation("CreateFunction"), request));

        Assert.Equal("SerializationException", error.Code);
    }

    [Fact]
    public void A_bad_querystring_integer_is_a_SerializationException_naming_the_parameter()
    {
        var request = new WireRequest { Method = "GET", RawPath = "/2015-03-31/functions/", RawQuery = "MaxItems=lots" };

        var error = Assert.Throws<AwsServiceException>(() => _codec.ParseRequest(Lambda, Lambda.GetOperation("ListFunctions"), request));

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal("Invalid value 'lots' for query parameter 'MaxItems' (member MaxItems): expected an integer.", error.Message);
    }

    [Fact]
    public void Errors_carry_the_type_header_and_lambdas_body()
    {
        var error = new AwsServiceException("ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:f", 404);

        var response = _codec.SerializeError(Lambda, error, "rid");
        var parsed = _codec.ParseError(Lambda, response);

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers["X-Amzn-ErrorType"]);
        Assert.Equal("""{"message":"Function not found: arn:aws:lambda:us-east-1:000000000000:function:f","Type":"User"}""", Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal("ResourceNotFoundException", parsed.Code);
        Assert.Equal(error.Message, parsed.Message);
        Assert.Equal("rid", parsed.RequestId);
    }

    [Fact]
    public void Client_prefers_the_error_type_header_and_strips_after_the_colon()
    {
        var response = new WireResponse { StatusCode = 400, Body = """{"code":"Other","message":"m"}"""u8.ToArray() };
        response.Headers["x-amzn-errortype"] = "BadRequestException:http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/";

        var error = _codec.ParseError(ServiceModels.Get("apigateway"), response);

        Assert.Equal("BadRequestException", error.Code);
    }

    [Fact]
    public void Client_falls_back_to_the_body_code()
    {
        var response = new WireResponse { StatusCode = 409, Body = """{"code":"ConflictException","Message":"m"}"""u8.ToArray() };

        var error = _codec.ParseError(ServiceModels.Get("apigateway"), response);

        Assert.Equal("ConflictException", error.Code);
        Assert.Equal("m", error.Message);
    }
}
