using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Gateway;

namespace Doqutore.Emulator.Tests.Gateway;

public class ServiceRouterTests
{
    private static readonly ServiceRouter Router = new();

    private static WireRequest Request(string method = "POST", string path = "/", string host = "127.0.0.1:4566", string? contentType = null, string body = "", string query = "", params (string Name, string Value)[] headers)
    {
        var request = new WireRequest { Method = method, RawPath = path, Host = host, RawQuery = query, Body = System.Text.Encoding.UTF8.GetBytes(body) };
        if (contentType is not null)
        {
            request.Headers.Add("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private static CredentialScope Scope(string service) => new("test", "20261130", "us-east-1", service);

    [Theory]
    [InlineData("DynamoDB_20120810.PutItem", "dynamodb")]
    [InlineData("DynamoDBStreams_20120810.GetRecords", "streams.dynamodb")]
    [InlineData("AmazonSQS.SendMessage", "sqs")]
    [InlineData("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.StartLogging", "cloudtrail")]
    [InlineData("GraniteServiceVersion20100801.PutMetricData", "monitoring")]
    public void Json_requests_route_by_target_prefix(string target, string service)
    {
        var model = Router.Route(Request(headers: ("X-Amz-Target", target)), null);

        Assert.Equal(service, model.Id);
        Assert.Equal(Protocol.Json, model.Protocol);
    }

    [Theory]
    [InlineData("2011-06-15", "GetCallerIdentity", "sts")]
    [InlineData("2010-05-08", "ListUsers", "iam")]
    [InlineData("2012-11-05", "SendMessage", "sqs")]
    [InlineData("2010-08-01", "PutMetricData", "monitoring")]
    public void Query_requests_route_by_version_even_unsigned(string version, string action, string service)
    {
        var model = Router.Route(Request(contentType: "application/x-www-form-urlencoded; charset=utf-8", body: $"Action={action}&Version={version}"), null);

        Assert.Equal(service, model.Id);
        Assert.Equal(Protocol.Query, model.Protocol);
    }

    [Fact]
    public void Query_get_requests_carry_the_action_in_the_url()
    {
        var model = Router.Route(Request(method: "GET", query: "Action=GetCallerIdentity&Version=2011-06-15"), Scope("sts"));

        Assert.Equal("sts", model.Id);
    }

    [Theory]
    [InlineData("lambda", "/2015-03-31/functions/", "lambda")]
    [InlineData("apigateway", "/restapis", "apigateway")]
    [InlineData("s3", "/bucket/key", "s3")]
    public void Rest_requests_route_by_credential_scope(string signingName, string path, string service)
    {
        var model = Router.Route(Request(method: "GET", path: path), Scope(signingName));

        Assert.Equal(service, model.Id);
    }

    [Theory]
    [InlineData("site.s3.localhost:4566", "site")]
    [InlineData("my.bucket.localhost:4566", "my.bucket")]
    public void Virtual_hosted_S3_names_the_bucket_in_the_host(string host, string bucket)
    {
        Assert.Equal(bucket, ServiceRouter.S3VirtualHostBucket(host));
        Assert.Equal("s3", Router.Route(Request(method: "GET", host: host), null).Id);
    }

    [Fact]
    public void Unsigned_rest_requests_fall_back_to_S3()
    {
        Assert.Equal("s3", Router.Route(Request(method: "GET", path: "/public-bucket/index.html"), null).Id);
    }

    [Fact]
    public void A_service_not_embedded_gets_an_error_naming_it()
    {
        var error = Assert.Throws<AwsServiceException>(() => Router.Route(Request(method: "GET", path: "/"), Scope("ec2")));

        Assert.Equal("NotImplemented", error.Code);
        Assert.Equal("The emulator does not serve the service 'ec2'.", error.Message);
    }

    [Fact]
    public void An_unknown_target_prefix_gets_an_error_naming_it()
    {
        var error = Assert.Throws<AwsServiceException>(() => Router.Route(Request(headers: ("X-Amz-Target", "Nope_2020.Do")), null));

        Assert.Equal("No service answers the target 'Nope_2020.Do'.", error.Message);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    [InlineData("GET")]
    public void A_form_content_type_does_not_make_a_non_POST_a_query_request(string method)
    {
        var request = Request(method: method, path: "/bucket/upload.txt", contentType: "application/x-www-form-urlencoded", body: "a=1&b=2");

        Assert.False(ServiceRouter.LooksLikeQuery(request));
        Assert.Equal("s3", Router.Route(request, null).Id);
        Assert.Equal("s3", Router.Route(request, Scope("s3")).Id);
    }

    [Fact]
    public void A_form_labelled_POST_signed_for_S3_routes_to_S3()
    {
        var request = Request(path: "/bucket", query: "delete", contentType: "application/x-www-form-urlencoded", body: "<Delete/>");

        Assert.Equal("s3", Router.Route(request, Scope("s3")).Id);
    }

    [Fact]
    public void A_GET_or_POST_with_Action_in_the_url_is_a_query_request_whatever_its_path()
    {
        Assert.True(ServiceRouter.LooksLikeQuery(Request(method: "GET", path: "/000000000000/q", query: "Action=ReceiveMessage")));
        Assert.True(ServiceRouter.LooksLikeQuery(Request(method: "POST", path: "/000000000000/q", query: "Action=SendMessage")));
        Assert.False(ServiceRouter.LooksLikeQuery(Request(method: "PUT", path: "/000000000000/q", query: "Action=SendMessage")));
    }
}
