using Doqutore.Aws.Models;

namespace Doqutore.Aws.Tests.Models;

public class ServiceModelsTests
{
    public static TheoryData<string, Protocol> EmbeddedServices => new()
    {
        { "iam", Protocol.Query }, { "sts", Protocol.Query }, { "sns", Protocol.Query }, { "sqs", Protocol.Json },
        { "cloudtrail", Protocol.Json }, { "events", Protocol.Json }, { "s3", Protocol.RestXml },
        { "dynamodb", Protocol.Json }, { "streams.dynamodb", Protocol.Json }, { "lambda", Protocol.RestJson },
        { "logs", Protocol.Json }, { "monitoring", Protocol.Query }, { "cloudformation", Protocol.Query },
        { "cognito-idp", Protocol.Json }, { "wafv2", Protocol.Json }, { "apigateway", Protocol.RestJson },
    };

    [Theory]
    [MemberData(nameof(EmbeddedServices))]
    public void Every_required_service_is_embedded_with_its_protocol(string id, Protocol protocol)
    {
        var model = ServiceModels.Get(id);

        Assert.Equal(protocol, model.Protocol);
        Assert.NotEmpty(model.Operations);
    }

    [Fact]
    public void Sqs_answers_query_through_the_query_era_model()
    {
        var query = ServiceModels.Get("sqs", Protocol.Query)!;

        var receive = query.GetOperation("ReceiveMessage");
        Assert.Equal(Protocol.Query, query.Protocol);
        Assert.Equal("ReceiveMessageResult", receive.ResultWrapper);
        Assert.True(receive.Input!.GetMember("MessageAttributeNames")!.Flattened);
        Assert.Equal("http://queue.amazonaws.com/doc/2012-11-05/", query.Metadata.XmlNamespace);
    }

    [Fact]
    public void Sqs_json_model_is_query_compatible()
    {
        var json = ServiceModels.Get("sqs");

        Assert.True(json.Metadata.AwsQueryCompatible);
        Assert.Equal("AmazonSQS", json.Metadata.TargetPrefix);
        Assert.Equal("application/x-amz-json-1.0", json.Metadata.JsonContentType);
    }

    [Fact]
    public void CloudWatch_json_variant_shares_the_query_shapes()
    {
        var query = ServiceModels.Get("monitoring");
        var json = ServiceModels.Get("monitoring", Protocol.Json)!;

        Assert.Equal("GraniteServiceVersion20100801", json.Metadata.TargetPrefix);
        Assert.Same(query.GetOperation("PutMetricData").Input, json.GetOperation("PutMetricData").Input);
    }

    [Fact]
    public void Rest_bindings_are_read_from_the_model()
    {
        var putObject = ServiceModels.Get("s3").GetOperation("PutObject");

        Assert.Equal("PUT", putObject.HttpMethod);
        Assert.Equal("/{Bucket}/{Key+}", putObject.RequestUri);
        Assert.Equal("Body", putObject.Input!.Payload);
        var body = putObject.Input.GetMember("Body")!;
        Assert.True(body.Streaming);
        var meta = putObject.Input.GetMember("Metadata")!;
        Assert.Equal(MemberLocation.Headers, meta.Location);
        Assert.Equal("x-amz-meta-", meta.WireName);
        var acl = putObject.Input.GetMember("ACL")!;
        Assert.Equal(MemberLocation.Header, acl.Location);
        Assert.Equal("x-amz-acl", acl.WireName);
    }

    [Fact]
    public void Xml_names_and_flattening_come_from_references()
    {
        var output = ServiceModels.Get("s3").GetOperation("ListObjectsV2").Output!;

        var contents = output.GetMember("Contents")!;
        Assert.True(contents.Flattened);
        Assert.Equal(ShapeType.List, contents.Type);
        Assert.Equal(ShapeType.Timestamp, contents.Shape.ListMember!.Shape.GetMember("LastModified")!.Type);
    }

    [Fact]
    public void Uri_templates_match_greedy_labels_and_query_literals()
    {
        var template = UriTemplate.Parse("/{Bucket}/{Key+}?uploads");
        var query = new[] { new KeyValuePair<string, string>("uploads", "") }.ToLookup(p => p.Key, p => p.Value);

        var labels = template.Match("/my-bucket/a/b%20c.txt", query);

        Assert.NotNull(labels);
        Assert.Equal("my-bucket", labels["Bucket"]);
        Assert.Equal("a/b c.txt", labels["Key"]);
        Assert.Null(template.Match("/my-bucket/a", Array.Empty<KeyValuePair<string, string>>().ToLookup(p => p.Key, p => p.Value)));
    }

    [Fact]
    public void Every_model_loads_every_operation()
    {
        var count = ServiceModels.All().Sum(m => m.Operations.Count);

        Assert.True(count > 1000, $"only {count} operations");
    }
}
