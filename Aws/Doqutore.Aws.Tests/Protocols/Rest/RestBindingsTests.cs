using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Protocols.Rest;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Protocols.Rest;

/// <summary>The binding layer alone, on S3 operations (with a JSON body format) and a small synthetic model.</summary>
public class RestBindingsTests
{
    private static readonly Uri Endpoint = new("http://localhost:4566");
    private static readonly IRestBodyFormat Format = RestJsonBodyFormat.Instance;

    private static ServiceModel S3 => ServiceModels.Get("s3");

    // A model with traits the embedded models do not use: a jsonvalue header and a header list of timestamps.
    private static readonly ServiceModel Synthetic = ServiceModel.Load("synthetic", """
        {"metadata":{"apiVersion":"2020-01-01","endpointPrefix":"syn","protocol":"rest-json"},
         "operations":{"Put":{"http":{"method":"PUT","requestUri":"/things/{Id}"},
           "input":{"type":"structure","members":{
             "Id":{"location":"uri","locationName":"Id"},
             "Doc":{"location":"header","locationName":"x-doc","jsonvalue":true},
             "Dates":{"location":"header","locationName":"x-dates","type":"list","member":{"type":"timestamp"}},
             "Since":{"location":"querystring","locationName":"since","type":"timestamp"},
             "Filters":{"location":"querystring","type":"map","key":{},"value":{"type":"list","member":{}}}}}}},
         "shapes":{}}
        """);

    private static OperationData RoundTrip(ServiceModel model, string operation, OperationData input, out WireRequest request)
    {
        request = RestBindings.SerializeRequest(model.GetOperation(operation), input, Endpoint, Format);
        var resolved = RestBindings.ResolveOperation(model, request);
        Assert.Equal(operation, resolved?.Name);
        return RestBindings.ParseRequest(resolved!, request, Format);
    }

    [Fact]
    public void Greedy_labels_keep_their_slashes_and_prefix_headers_come_back_lowercased()
    {
        var input = new OperationData(new JsonObject
        {
            ["Bucket"] = "b", ["Key"] = "dir/sub dir/file.txt", ["ContentType"] = "text/plain",
            ["Metadata"] = new JsonObject { ["Owner"] = "me" },
        });

        var parsed = RoundTrip(S3, "PutObject", input, out var request);

        Assert.Equal("/b/dir/sub%20dir/file.txt", request.RawPath);
        Assert.Equal("me", request.Headers["x-amz-meta-Owner"]);
        Assert.Equal("dir/sub dir/file.txt", parsed.Values["Key"]!.GetValue<string>());
        Assert.Equal("text/plain", parsed.Values["ContentType"]!.GetValue<string>());
        Assert.Equal("""{"owner":"me"}""", parsed.Values["Metadata"]!.ToJsonString());
    }

    [Fact]
    public void Streaming_payloads_travel_as_streams()
    {
        var input = new OperationData(new JsonObject { ["Bucket"] = "b", ["Key"] = "k" }, new MemoryStream("hello"u8.ToArray()));

        var request = RestBindings.SerializeRequest(S3.GetOperation("PutObject"), input, Endpoint, Format);
        request.Body = "hello"u8.ToArray();
        request.BodyStream = null;
        var parsed = RestBindings.ParseRequest(S3.GetOperation("PutObject"), request, Format);

        Assert.Same(input.Stream, RestBindings.SerializeRequest(S3.GetOperation("PutObject"), input, Endpoint, Format).BodyStream);
        Assert.Equal("hello", new StreamReader(parsed.Stream!).ReadToEnd());
        Assert.Equal(5, parsed.StreamLength);
        Assert.Null(parsed.Values["Body"]);
    }

    [Fact]
    public void Template_query_literals_are_sent_and_select_the_operation()
    {
        var parsed = RoundTrip(S3, "CreateMultipartUpload", new OperationData(new JsonObject { ["Bucket"] = "b", ["Key"] = "k" }), out var request);

        Assert.Equal("POST", request.Method);
        Assert.Equal("uploads", request.RawQuery);
        Assert.Equal("k", parsed.Values["Key"]!.GetValue<string>());
    }

    [Fact]
    public void Header_timestamps_default_to_rfc822_and_follow_the_members_trait()
    {
        var input = new OperationData(new JsonObject
        {
            ["Bucket"] = "b", ["Key"] = "k", ["CopySource"] = "src/k",
            ["CopySourceIfModifiedSince"] = new DateTimeOffset(2014, 4, 29, 18, 30, 38, TimeSpan.Zero),
            ["ObjectLockRetainUntilDate"] = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
        });

        var parsed = RoundTrip(S3, "CopyObject", input, out var request);

        Assert.Equal("Tue, 29 Apr 2014 18:30:38 GMT", request.Headers["x-amz-copy-source-if-modified-since"]);
        Assert.Equal("2030-01-01T00:00:00Z", request.Headers["x-amz-object-lock-retain-until-date"]);
        Assert.Equal(new DateTimeOffset(2014, 4, 29, 18, 30, 38, TimeSpan.Zero), parsed.Values["CopySourceIfModifiedSince"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public void Header_lists_are_comma_separated_and_split_back()
    {
        var input = new OperationData(new JsonObject { ["Bucket"] = "b", ["Key"] = "k", ["ObjectAttributes"] = new JsonArray("ETag", "ObjectSize") });

        var parsed = RoundTrip(S3, "GetObjectAttributes", input, out var request);

        Assert.Equal("ETag,ObjectSize", request.Headers["x-amz-object-attributes"]);
        Assert.Equal("""["ETag","ObjectSize"]""", parsed.Values["ObjectAttributes"]!.ToJsonString());
    }

    [Fact]
    public void An_empty_header_list_is_not_sent()
    {
        var input = new OperationData(new JsonObject { ["Bucket"] = "b", ["Key"] = "k", ["ObjectAttributes"] = new JsonArray() });

        var request = RestBindings.SerializeRequest(S3.GetOperation("GetObjectAttributes"), input, Endpoint, Format);

        Assert.Null(request.Headers["x-amz-object-attributes"]);
    }

    [Fact]
    public void Booleans_and_integers_in_query_and_headers_round_trip()
    {
        var input = new OperationData(new JsonObject { ["Bucket"] = "b", ["FetchOwner"] = true, ["MaxKeys"] = 7, ["ExpectedBucketOwner"] = "1" });

        var parsed = RoundTrip(S3, "ListObjectsV2", input, out var request);

        Assert.Contains("fetch-owner=true", request.RawQuery, StringComparison.Ordinal);
        Assert.Contains("max-keys=7", request.RawQuery, StringComparison.Ordinal);
        Assert.True(parsed.Values["FetchOwner"]!.GetValue<bool>());
        Assert.Equal(7L, parsed.Values["MaxKeys"]!.GetValue<long>());
    }

    [Fact]
    public void Jsonvalue_headers_are_base64_of_compact_json()
    {
        var input = new OperationData(new JsonObject { ["Id"] = "1", ["Doc"] = """{ "a": [1, 2] }""" });

        var parsed = RoundTrip(Synthetic, "Put", input, out var request);

        Assert.Equal(Convert.ToBase64String("""{"a":[1,2]}"""u8), request.Headers["x-doc"]);
        Assert.Equal("""{"a":[1,2]}""", parsed.Values["Doc"]!.GetValue<string>());
    }

    [Fact]
    public void Header_lists_of_rfc822_timestamps_keep_their_commas()
    {
        var first = new DateTimeOffset(2014, 4, 29, 18, 30, 38, TimeSpan.Zero);
        var input = new OperationData(new JsonObject { ["Id"] = "1", ["Dates"] = new JsonArray(first, first.AddDays(1)) });

        var parsed = RoundTrip(Synthetic, "Put", input, out var request);

        Assert.Equal("Tue, 29 Apr 2014 18:30:38 GMT,Wed, 30 Apr 2014 18:30:38 GMT", request.Headers["x-dates"]);
        Assert.Equal(first.AddDays(1), parsed.Values["Dates"]![1]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public void Querystring_timestamps_default_to_iso8601()
    {
        var input = new OperationData(new JsonObject { ["Id"] = "1", ["Since"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) });

        var parsed = RoundTrip(Synthetic, "Put", input, out var request);

        Assert.Equal("since=2024-01-02T03%3A04%3A05Z", request.RawQuery);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), parsed.Values["Since"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public void A_querystring_map_of_lists_takes_every_value_of_the_unbound_keys()
    {
        var request = new WireRequest { Method = "PUT", RawPath = "/things/1", RawQuery = "since=2024-01-02T03:04:05Z&tag=a&tag=b&x=1" };

        var parsed = RestBindings.ParseRequest(Synthetic.GetOperation("Put"), request, Format);

        Assert.Equal("""{"tag":["a","b"],"x":["1"]}""", parsed.Values["Filters"]!.ToJsonString());
    }

    [Fact]
    public void A_bad_header_value_is_the_formats_error_naming_the_header()
    {
        var request = new WireRequest { Method = "PUT", RawPath = "/things/1" };
        request.Headers["x-doc"] = "%%%";

        var error = Assert.Throws<AwsServiceException>(() => RestBindings.ParseRequest(Synthetic.GetOperation("Put"), request, Format));

        Assert.Equal("SerializationException", error.Code);
        Assert.Equal("Invalid value for header 'x-doc' (member Doc): expected base64-encoded JSON.", error.Message);
    }

    [Fact]
    public void Response_prefix_headers_and_header_members_round_trip()
    {
        var operation = S3.GetOperation("HeadObject");
        var output = new OperationData(new JsonObject
        {
            ["ContentLength"] = 12, ["ETag"] = "\"e\"", ["LastModified"] = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            ["Metadata"] = new JsonObject { ["a"] = "1" },
        });

        var response = RestBindings.SerializeResponse(operation, output, Format);
        var parsed = RestBindings.ParseResponse(operation, response, Format);

        Assert.Equal("Mon, 01 Jan 2024 00:00:00 GMT", response.Headers["Last-Modified"]);
        Assert.Equal("1", response.Headers["x-amz-meta-a"]);
        Assert.Equal(12L, parsed.Values["ContentLength"]!.GetValue<long>());
        Assert.Equal("""{"a":"1"}""", parsed.Values["Metadata"]!.ToJsonString());
    }

    [Fact]
    public void Missing_uri_labels_fail_on_the_client_side()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RestBindings.SerializeRequest(S3.GetOperation("GetObject"), new OperationData(new JsonObject { ["Bucket"] = "b" }), Endpoint, Format));

        Assert.Contains("'Key'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_path_prefixes_the_request_path()
    {
        var request = RestBindings.SerializeRequest(S3.GetOperation("ListBuckets"), new OperationData(), new Uri("http://localhost:4566/prefix/"), Format);

        Assert.Equal("/prefix/", request.RawPath);
        Assert.Equal(Encoding.UTF8.GetString(request.Body.Span), string.Empty);
    }
}

public class RestOperationResolutionTests
{
    private static ServiceModel S3 => ServiceModels.Get("s3");

    [Theory]
    [InlineData("PUT", "", null, "PutObject")]
    [InlineData("PUT", "", "x-amz-copy-source", "CopyObject")]
    [InlineData("PUT", "partNumber=1&uploadId=u", null, "UploadPart")]
    [InlineData("PUT", "partNumber=1&uploadId=u", "x-amz-copy-source", "UploadPartCopy")]
    [InlineData("GET", "", null, "GetObject")]
    [InlineData("GET", "uploadId=u", null, "ListParts")]
    [InlineData("DELETE", "uploadId=u", null, "AbortMultipartUpload")]
    [InlineData("DELETE", "", null, "DeleteObject")]
    public void Operations_sharing_a_template_are_told_apart_by_their_required_bindings(string method, string query, string? header, string expected)
    {
        var request = new WireRequest { Method = method, RawPath = "/b/k", RawQuery = query };
        if (header is not null)
        {
            request.Headers[header] = "src/k";
        }

        Assert.Equal(expected, RestBindings.ResolveOperation(S3, request)?.Name);
    }

    [Theory]
    [InlineData("analytics", "ListBucketAnalyticsConfigurations")]
    [InlineData("analytics&id=a", "GetBucketAnalyticsConfiguration")]
    [InlineData("uploads", "ListMultipartUploads")]
    [InlineData("", "ListObjects")]
    public void Query_literals_and_required_query_members_select_bucket_operations(string query, string expected)
    {
        var request = new WireRequest { Method = "GET", RawPath = "/b", RawQuery = query };

        Assert.Equal(expected, RestBindings.ResolveOperation(S3, request)?.Name);
    }

    [Fact]
    public void Deprecated_operations_lose_ties()
    {
        var request = new WireRequest { Method = "GET", RawPath = "/b", RawQuery = "lifecycle" };

        Assert.Equal("GetBucketLifecycleConfiguration", RestBindings.ResolveOperation(S3, request)?.Name);
    }
}
