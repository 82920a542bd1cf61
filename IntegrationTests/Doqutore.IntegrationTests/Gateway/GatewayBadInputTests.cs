using System.Text;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.RestXml;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>
/// Bad input through the whole gateway over HTTP, one behaviour each: the AWS error code, status and message,
/// read back with the protocol's own codec as an SDK would.
/// </summary>
public sealed class GatewayBadInputTests(GatewayFuzzFixture emulators) : IClassFixture<GatewayFuzzFixture>
{
    [Fact]
    public async Task Malformed_json_body_is_a_SerializationException()
    {
        var request = Request("dynamodb", "ListTables", """{"Limit":""");
        request.SetHeader("X-Amz-Target", "DynamoDB_20120810.ListTables");
        request.SetHeader("Content-Type", "application/x-amz-json-1.0");

        var error = await SendAsync(request);

        Assert.Equal((400, "SerializationException"), (error.StatusCode, error.Code));
        Assert.StartsWith("The body is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_form_value_is_a_ValidationError()
    {
        var request = Request("iam", "ListUsers", "Action=ListUsers&Version=2010-05-08&MaxItems=abc");
        request.SetHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

        var error = await SendAsync(request);

        Assert.Equal((400, "ValidationError"), (error.StatusCode, error.Code));
        Assert.Equal("1 validation error detected: Value 'abc' at 'maxItems' failed to satisfy constraint: Member must be a valid integer", error.Message);
    }

    [Fact]
    public async Task Malformed_xml_body_of_an_s3_structure_payload_is_MalformedXML()
    {
        var request = Request("s3", "PutBucketTagging", "<Tagging><TagSet><Tag><Key>k</Key></TagSet>");
        request.Method = "PUT";
        request.RawPath = "/fuzz-bucket";
        request.RawQuery = "tagging";
        request.SetHeader("Content-Type", "application/xml");
        request.SetHeader("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(request.Body)));

        var error = await SendAsync(request);

        Assert.Equal((400, "MalformedXML"), (error.StatusCode, error.Code));
        Assert.Equal(RestXmlBodyFormat.S3MalformedXmlMessage, error.Message);
    }

    [Fact]
    public async Task Xml_body_with_an_external_entity_is_refused_as_MalformedXML()
    {
        // Were DTDs processed, the entity would read a local file into the tag value and the request would pass.
        var request = Request("s3", "PutBucketTagging", """<?xml version="1.0"?><!DOCTYPE Tagging [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><Tagging><TagSet><Tag><Key>k</Key><Value>&xxe;</Value></Tag></TagSet></Tagging>""");
        request.Method = "PUT";
        request.RawPath = "/fuzz-bucket";
        request.RawQuery = "tagging";
        request.SetHeader("Content-Type", "application/xml");
        request.SetHeader("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(request.Body)));

        var error = await SendAsync(request);

        Assert.Equal((400, "MalformedXML"), (error.StatusCode, error.Code));
        Assert.Equal(RestXmlBodyFormat.S3MalformedXmlMessage, error.Message);
    }

    [Fact]
    public async Task Json_body_with_a_form_content_type_is_not_taken_for_a_query_request()
    {
        // No X-Amz-Target: the form content type makes it a query request, and no query service is DynamoDB.
        var request = Request("dynamodb", "ListTables", """{"Limit":1}""");
        request.SetHeader("Content-Type", "application/x-www-form-urlencoded");

        var error = await SendAsync(request, Protocol.Query);

        Assert.Equal((400, "NotImplemented"), (error.StatusCode, error.Code));
        Assert.Equal("The service 'dynamodb' does not take form-encoded (query protocol) requests.", error.Message);
    }

    [Fact]
    public async Task Unknown_target_is_an_UnknownOperationException()
    {
        var request = Request("dynamodb", "ListTables", "{}");
        request.SetHeader("X-Amz-Target", "DynamoDB_20120810.NoSuchOperation");
        request.SetHeader("Content-Type", "application/x-amz-json-1.0");

        var error = await SendAsync(request);

        Assert.Equal((400, "UnknownOperationException"), (error.StatusCode, error.Code));
        Assert.Equal("Unknown operation DynamoDB_20120810.NoSuchOperation: DynamoDB has no such operation (target prefix DynamoDB_20120810).", error.Message);
    }

    [Fact]
    public async Task Target_of_no_embedded_service_is_NotImplemented()
    {
        var request = Request("dynamodb", "ListTables", "{}");
        request.SetHeader("X-Amz-Target", "NoSuchService_20990101.ListThings");
        request.SetHeader("Content-Type", "application/x-amz-json-1.0");

        var error = await SendAsync(request);

        Assert.Equal((400, "NotImplemented"), (error.StatusCode, error.Code));
        Assert.Equal("No service answers the target 'NoSuchService_20990101.ListThings'.", error.Message);
    }

    [Fact]
    public async Task Unknown_query_action_is_InvalidAction()
    {
        var request = Request("sts", "GetCallerIdentity", "Action=NoSuchAction&Version=2011-06-15");
        request.SetHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

        var error = await SendAsync(request);

        Assert.Equal((400, "InvalidAction"), (error.StatusCode, error.Code));
        Assert.Equal("The action NoSuchAction is not valid for this web service.", error.Message);
    }

    [Fact]
    public async Task Unknown_rest_path_is_an_UnknownOperationException()
    {
        var request = Request("lambda", "ListFunctions", string.Empty);
        request.Method = "GET";
        request.RawPath = "/2015-03-31/no-such-resource";

        var error = await SendAsync(request);

        Assert.Equal((404, "UnknownOperationException"), (error.StatusCode, error.Code));
        Assert.Equal("No operation of Lambda matches GET /2015-03-31/no-such-resource.", error.Message);
    }

    [Fact]
    public async Task Oversized_body_is_RequestEntityTooLarge()
    {
        var padding = new string('a', RequestMutator.SmallBodyLimit);
        var request = Request("dynamodb", "PutItem", "{\"TableName\":\"t\",\"Item\":{\"pad\":{\"S\":\"" + padding + "\"}}}");
        request.SetHeader("X-Amz-Target", "DynamoDB_20120810.PutItem");
        request.SetHeader("Content-Type", "application/x-amz-json-1.0");
        request.Oversized = true;

        var error = await SendAsync(request);

        Assert.Equal((413, "RequestEntityTooLarge"), (error.StatusCode, error.Code));
        Assert.Equal($"The request body of {request.Body.Length} bytes or more exceeds the limit of {RequestMutator.SmallBodyLimit} bytes.", error.Message);
    }

    private static FuzzRequest Request(string service, string operation, string body) =>
        new(ServiceModels.Get(service), operation, 0) { Body = Encoding.UTF8.GetBytes(body) };

    /// <summary>Sends a signed request and reads the error with the codec of the expected protocol (the aimed service's by default).</summary>
    private async Task<AwsServiceException> SendAsync(FuzzRequest request, Protocol? protocol = null)
    {
        var response = await emulators.Sender.SendAsync(request.Oversized ? emulators.Small : emulators.Main, request);
        var model = protocol is { } p && p != request.AimedAt.Protocol ? AwsErrorShapes.ModelOf(p) : request.AimedAt;
        Assert.True(response.StatusCode >= 400, $"expected an error, got {AwsErrorShapes.Summary(response)}");
        Assert.Equal(model.Protocol, AwsErrorShapes.Classify(response).Protocol);
        return ProtocolCodecs.For(model).ParseError(model, response);
    }
}
