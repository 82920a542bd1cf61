using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.RestXml;
using Doqutore.Aws.Wire;
using static Doqutore.Aws.Tests.Protocols.Xml.CodecHarness;

namespace Doqutore.Aws.Tests.Protocols.RestXml;

public class RestXmlCodecTests
{
    private static readonly RestXmlCodec Codec = new();
    private static ServiceModel S3 => ServiceModels.Get("s3");

    private static WireRequest Request(string method, string path, string query = "", string? body = null)
    {
        var request = new WireRequest { Method = method, RawPath = path, RawQuery = query };
        if (body is not null)
        {
            request.Body = Encoding.UTF8.GetBytes(body);
        }

        return request;
    }

    private static string? Resolve(WireRequest request) => Codec.ResolveOperation(S3, request)?.Name;

    [Fact]
    public void PutObject_sends_metadata_headers_and_a_streaming_body()
    {
        var input = new OperationData(Tree("""{"Bucket":"b","Key":"dir/a b.txt","ContentType":"text/plain","Metadata":{"owner":"me"}}"""), new MemoryStream("hello"u8.ToArray()));

        var (wire, resolved, parsed) = SendRequest(S3, "PutObject", input);

        Assert.Equal(("PUT", "/b/dir/a%20b.txt"), (wire.Method, wire.RawPath));
        Assert.Equal("me", wire.Headers["x-amz-meta-owner"]);
        Assert.Equal("PutObject", resolved.Name);
        AssertTree(input.Values, parsed.Values);
        Assert.Equal("hello", new StreamReader(parsed.Stream!).ReadToEnd());
    }

    [Fact]
    public void GetObject_reads_range_and_response_header_overrides_and_streams_the_body_back()
    {
        var input = new OperationData(Tree("""{"Bucket":"b","Key":"k","Range":"bytes=0-3","ResponseContentType":"application/json"}"""));
        var output = new OperationData(new JsonObject
        {
            ["ContentType"] = "application/json", ["ContentLength"] = 4L, ["ContentRange"] = "bytes 0-3/10", ["ETag"] = "\"e\"",
            ["LastModified"] = Time("2024-01-02T03:04:05Z"), ["Metadata"] = new JsonObject { ["owner"] = "me" },
        }, new MemoryStream("abcd"u8.ToArray()));

        var (wire, _, parsed) = SendRequest(S3, "GetObject", input);
        var (response, read) = SendResponse(S3, "GetObject", output, "rid");

        Assert.Equal("response-content-type=application%2Fjson", wire.RawQuery);
        Assert.Equal("bytes=0-3", wire.Headers["Range"]);
        AssertTree(input.Values, parsed.Values);
        Assert.Equal("Tue, 02 Jan 2024 03:04:05 GMT", response.Headers["Last-Modified"]);
        Assert.Equal("rid", response.Headers["x-amz-request-id"]);
        Assert.NotNull(response.Headers["x-amz-id-2"]);
        AssertTree(output.Values, read.Values);
        Assert.Equal("abcd", new StreamReader(read.Stream!).ReadToEnd());
    }

    [Fact]
    public void ListObjectsV2_response_is_a_ListBucketResult_in_the_s3_namespace()
    {
        var output = new OperationData(new JsonObject
        {
            ["IsTruncated"] = false, ["Name"] = "b", ["Prefix"] = "", ["MaxKeys"] = 1000L, ["KeyCount"] = 1L,
            ["Contents"] = new JsonArray(new JsonObject
            {
                ["Key"] = "k", ["LastModified"] = Time("2024-01-02T03:04:05Z"), ["ETag"] = "\"e\"", ["Size"] = 5L, ["StorageClass"] = "STANDARD",
            }),
            ["CommonPrefixes"] = new JsonArray(new JsonObject { ["Prefix"] = "dir/" }),
        });

        var (response, read) = SendResponse(S3, "ListObjectsV2", output);

        var xml = Text(response.Body);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><IsTruncated>false</IsTruncated><Contents><Key>k</Key>", xml);
        Assert.Contains("<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>", xml);
        Assert.Equal("application/xml", response.Headers["Content-Type"]);
        AssertTree(output.Values, read.Values);
    }

    [Fact]
    public void ListObjectsV2_request_resolves_by_its_list_type_literal()
    {
        var input = new OperationData(Tree("""{"Bucket":"b","Prefix":"p/","MaxKeys":10}"""));

        var (wire, resolved, parsed) = SendRequest(S3, "ListObjectsV2", input);

        Assert.Equal("list-type=2&max-keys=10&prefix=p%2F", wire.RawQuery);
        Assert.Equal("ListObjectsV2", resolved.Name);
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void DeleteObjects_sends_a_Delete_document_with_flattened_objects()
    {
        var input = new OperationData(Tree("""{"Bucket":"b","Delete":{"Objects":[{"Key":"a"},{"Key":"b","VersionId":"v"}],"Quiet":true}}"""));
        var output = new OperationData(Tree("""{"Deleted":[{"Key":"a"}],"Errors":[{"Key":"b","Code":"AccessDenied","Message":"Access Denied"}]}"""));

        var (wire, resolved, parsed) = SendRequest(S3, "DeleteObjects", input);
        var (response, read) = SendResponse(S3, "DeleteObjects", output);

        Assert.Equal("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>", Text(wire.Body));
        Assert.Equal(("POST", "delete"), (wire.Method, wire.RawQuery));
        Assert.Equal("DeleteObjects", resolved.Name);
        AssertTree(input.Values, parsed.Values);
        Assert.Contains("<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Deleted><Key>a</Key></Deleted><Error><Key>b</Key>", Text(response.Body));
        AssertTree(output.Values, read.Values);
    }

    [Fact]
    public void PutBucketPolicy_sends_the_policy_string_as_the_raw_body()
    {
        var input = new OperationData(Tree("""{"Bucket":"b","Policy":"{\"Version\":\"2012-10-17\"}"}"""));

        var (wire, resolved, parsed) = SendRequest(S3, "PutBucketPolicy", input);

        Assert.Equal("{\"Version\":\"2012-10-17\"}", Text(wire.Body));
        Assert.Equal("PutBucketPolicy", resolved.Name);
        AssertTree(input.Values, parsed.Values);
    }

    [Fact]
    public void CompleteMultipartUpload_round_trips_parts_and_result()
    {
        var input = new OperationData(Tree("""{"Bucket":"b","Key":"k","UploadId":"u1","MultipartUpload":{"Parts":[{"ETag":"\"1\"","PartNumber":1},{"ETag":"\"2\"","PartNumber":2}]}}"""));
        var output = new OperationData(Tree("""{"Location":"http://b.s3/k","Bucket":"b","Key":"k","ETag":"\"x-2\""}"""));

        var (wire, resolved, parsed) = SendRequest(S3, "CompleteMultipartUpload", input);
        var (response, read) = SendResponse(S3, "CompleteMultipartUpload", output);

        Assert.StartsWith("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part><ETag>", Text(wire.Body));
        Assert.Equal("CompleteMultipartUpload", resolved.Name);
        AssertTree(input.Values, parsed.Values);
        Assert.Contains("<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Location>", Text(response.Body));
        AssertTree(output.Values, read.Values);
    }

    [Fact]
    public void GetBucketLocation_answers_a_bare_LocationConstraint_element()
    {
        var (response, read) = SendResponse(S3, "GetBucketLocation", new OperationData(Tree("""{"LocationConstraint":"eu-west-1"}""")));

        Assert.EndsWith("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>", Text(response.Body));
        AssertTree(Tree("""{"LocationConstraint":"eu-west-1"}"""), read.Values);
    }

    [Theory]
    [InlineData("PUT", "/b/k", "", null, "PutObject")]
    [InlineData("PUT", "/b/k", "x-id=PutObject", null, "PutObject")]
    [InlineData("PUT", "/b/k", "", "x-amz-copy-source", "CopyObject")]
    [InlineData("PUT", "/b/k", "partNumber=1&uploadId=u", null, "UploadPart")]
    [InlineData("PUT", "/b/k", "partNumber=1&uploadId=u", "x-amz-copy-source", "UploadPartCopy")]
    [InlineData("GET", "/b/k", "", null, "GetObject")]
    [InlineData("GET", "/b/k", "uploadId=u", null, "ListParts")]
    [InlineData("DELETE", "/b/k", "uploadId=u", null, "AbortMultipartUpload")]
    [InlineData("DELETE", "/b/k", "", null, "DeleteObject")]
    [InlineData("POST", "/b/k", "uploads", null, "CreateMultipartUpload")]
    [InlineData("GET", "/b", "uploads", null, "ListMultipartUploads")]
    [InlineData("GET", "/b", "versioning", null, "GetBucketVersioning")]
    [InlineData("GET", "/b", "versions", null, "ListObjectVersions")]
    [InlineData("GET", "/b", "", null, "ListObjects")]
    [InlineData("GET", "/b", "analytics", null, "ListBucketAnalyticsConfigurations")]
    [InlineData("GET", "/b", "analytics&id=x", null, "GetBucketAnalyticsConfiguration")]
    [InlineData("GET", "/b", "lifecycle", null, "GetBucketLifecycleConfiguration")]
    [InlineData("GET", "/", "", null, "ListBuckets")]
    public void S3_requests_resolve_to_the_operation_AWS_would_run(string method, string path, string query, string? header, string expected)
    {
        var request = Request(method, path, query);
        if (header is not null)
        {
            request.Headers[header] = "src/key";
        }

        Assert.Equal(expected, Resolve(request));
    }

    [Fact]
    public void An_unknown_method_is_MethodNotAllowed()
    {
        var request = Request("PATCH", "/b/k");

        Assert.Null(Resolve(request));
        var error = Codec.UnknownOperation(S3, request);

        Assert.Equal(("MethodNotAllowed", 405), (error.Code, error.StatusCode));
    }

    [Fact]
    public void Malformed_xml_is_MalformedXML()
    {
        var request = Request("POST", "/b", "delete", "<Delete><Object><Key>a</Key></Obj");

        var error = Assert.Throws<AwsServiceException>(() => Codec.ParseRequest(S3, S3.GetOperation("DeleteObjects"), request));

        Assert.Equal(("MalformedXML", 400), (error.Code, error.StatusCode));
        Assert.Equal("The XML you provided was not well-formed or did not validate against our published schema", error.Message);
    }

    [Fact]
    public void A_bad_value_inside_the_xml_is_MalformedXML()
    {
        var request = Request("POST", "/b", "delete", "<Delete><Object><Key>a</Key></Object><Quiet>maybe</Quiet></Delete>");

        var error = Assert.Throws<AwsServiceException>(() => Codec.ParseRequest(S3, S3.GetOperation("DeleteObjects"), request));

        Assert.Equal("MalformedXML", error.Code);
    }

    [Fact]
    public void A_bad_header_value_is_InvalidArgument()
    {
        var request = Request("GET", "/b/k");
        request.Headers["If-Modified-Since"] = "not a date";

        var error = Assert.Throws<AwsServiceException>(() => Codec.ParseRequest(S3, S3.GetOperation("GetObject"), request));

        Assert.Equal(("InvalidArgument", 400), (error.Code, error.StatusCode));
    }

    [Fact]
    public void Unknown_elements_and_query_parameters_are_ignored()
    {
        var request = Request("POST", "/b", "delete&x-id=DeleteObjects&bogus=1", "<Delete><Surprise>1</Surprise><Object><Key>a</Key><Extra/></Object></Delete>");

        var parsed = Codec.ParseRequest(S3, S3.GetOperation("DeleteObjects"), request);

        AssertTree(Tree("""{"Delete":{"Objects":[{"Key":"a"}]},"Bucket":"b"}"""), parsed.Values);
    }

    [Fact]
    public void An_error_is_an_Error_document_with_request_and_host_ids()
    {
        var thrown = new AwsServiceException("NoSuchBucket", "The specified bucket does not exist", 404)
        {
            Details = new JsonObject { ["BucketName"] = "b" },
        };

        var wire = Codec.SerializeError(S3, thrown, "rid");
        var read = Codec.ParseError(S3, wire);

        Assert.Equal(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName><RequestId>rid</RequestId><HostId>{RestXmlCodec.HostId("rid")}</HostId></Error>",
            Text(wire.Body));
        Assert.Equal("application/xml", wire.Headers["Content-Type"]);
        Assert.Equal("rid", wire.Headers["x-amz-request-id"]);
        Assert.Equal(RestXmlCodec.HostId("rid"), wire.Headers["x-amz-id-2"]);
        Assert.Equal(("NoSuchBucket", "The specified bucket does not exist", 404, "rid"), (read.Code, read.Message, read.StatusCode, read.RequestId));
        Assert.Equal("b", (string?)read.Details["BucketName"]);
    }

    [Fact]
    public void A_HEAD_error_without_a_body_is_read_from_its_status()
    {
        var wire = new WireResponse { StatusCode = 404 };
        wire.Headers["x-amz-request-id"] = "rid";

        var read = Codec.ParseError(S3, wire);

        Assert.Equal(("NotFound", 404, "rid"), (read.Code, read.StatusCode, read.RequestId));
    }
}
