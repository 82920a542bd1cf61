using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.Recording;

/// <summary>S3's record shape, against the S3 user guide's CloudTrail examples.</summary>
public sealed class S3RecordShapeTests
{
    private static readonly RecordShape Shape = RecordShape.For("s3");

    [Fact]
    public void An_object_request_names_bucket_host_and_key_and_never_the_body()
    {
        var context = Context("PutObject", new JsonObject { ["Bucket"] = "records", ["Key"] = "patients/1.json", ["ContentType"] = "application/json" });

        var parameters = Shape.RequestParameters(context)!;

        Assert.Equal("records", (string?)parameters["bucketName"]);
        Assert.Equal("records.s3.localhost:4566", (string?)parameters["Host"]);
        Assert.Equal("patients/1.json", (string?)parameters["key"]);
        Assert.Equal(3, parameters.Count);
    }

    [Fact]
    public void Query_string_parameters_keep_their_wire_names()
    {
        var context = Context("ListObjectsV2", new JsonObject { ["Bucket"] = "records", ["Prefix"] = "patients/", ["MaxKeys"] = 100L, ["Delimiter"] = "/" });

        var parameters = Shape.RequestParameters(context)!;

        Assert.Equal("patients/", (string?)parameters["prefix"]);
        Assert.Equal("100", (string?)parameters["max-keys"]);
        Assert.Equal("/", (string?)parameters["delimiter"]);
    }

    [Fact]
    public void A_bucket_policy_is_recorded_as_the_document()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::records/*"}]}""";
        var context = Context("PutBucketPolicy", new JsonObject { ["Bucket"] = "records", ["Policy"] = policy });

        var parameters = Shape.RequestParameters(context)!;

        Assert.Equal("Deny", (string?)parameters["bucketPolicy"]!["Statement"]![0]!["Effect"]);
    }

    [Fact]
    public void The_keys_deleted_through_DeleteObjects_are_not_recorded()
    {
        var context = Context("DeleteObjects", new JsonObject
        {
            ["Bucket"] = "records",
            ["Delete"] = new JsonObject { ["Objects"] = new JsonArray(new JsonObject { ["Key"] = "patients/secret-name.json" }) },
        });

        Assert.DoesNotContain("secret-name", Shape.RequestParameters(context)!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_responses_are_the_headers_S3_set()
    {
        var context = Context("PutObject", new JsonObject { ["Bucket"] = "records", ["Key"] = "a" });
        context.Output = new OperationData(new JsonObject { ["ETag"] = "\"abc\"", ["VersionId"] = "v1" });

        var elements = Shape.ResponseElements(context)!;

        Assert.Equal("v1", (string?)elements["x-amz-version-id"]);
        Assert.Equal("\"abc\"", (string?)elements["ETag"]);
    }

    [Fact]
    public void Additional_event_data_tells_how_the_request_was_signed_and_its_size()
    {
        var context = Context("PutObject", new JsonObject { ["Bucket"] = "records", ["Key"] = "a" });
        context.Request.Headers.Add("Content-Length", "4096");

        var data = Shape.AdditionalEventData(context)!;

        Assert.Equal("SigV4", (string?)data["SignatureVersion"]);
        Assert.Equal("AuthHeader", (string?)data["AuthenticationMethod"]);
        Assert.Equal(4096, (long)data["bytesTransferredIn"]!);
    }

    [Fact]
    public void An_object_is_listed_with_its_bucket_and_only_the_bucket_carries_the_account()
    {
        var resources = Shape.Resources([ResourceTypes.Describe("arn:aws:s3:::records/a.json")!], "000000000000", listed: true)!;

        Assert.Equal("AWS::S3::Object", (string?)resources[0]!["type"]);
        Assert.Null(resources[0]!["accountId"]);
        Assert.Equal("arn:aws:s3:::records", (string?)resources[1]!["ARN"]);
        Assert.Equal("000000000000", (string?)resources[1]!["accountId"]);
    }

    private static Doqutore.Emulator.Core.RequestContext Context(string operation, JsonObject input) => RecordingContexts.For("s3", operation, input, "records.s3.localhost:4566");
}
