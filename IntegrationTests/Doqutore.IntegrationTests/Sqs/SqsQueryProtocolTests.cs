using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime.Signing;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>
/// SQS over the query protocol, as older SDKs speak it: our spec client with the query-era model, and raw signed
/// form posts (to <c>/</c> and to the queue URL's path without <c>QueueUrl</c>); errors in query XML with the
/// query-era codes. The json answers carry the same codes in <c>x-amzn-query-error</c>.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class SqsQueryProtocolTests(EmulatorFixture emulator)
{
    private AwsClient QueryClient() => new(ServiceModels.Get("sqs", Protocol.Query)!, new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = SdkClients.Root,
        MaxErrorRetry = 0,
    });

    [Fact]
    public async Task The_query_era_client_runs_the_main_path()
    {
        using var sqs = QueryClient();
        var name = AwsCli.Unique("query");

        var url = (string)(await sqs.InvokeAsync("CreateQueue", new JsonObject
        {
            ["QueueName"] = name,
            ["Attributes"] = new JsonObject { ["VisibilityTimeout"] = "40" },
            ["tags"] = new JsonObject { ["team"] = "ir" },
        }))["QueueUrl"]!;
        var sent = await sqs.InvokeAsync("SendMessage", new JsonObject
        {
            ["QueueUrl"] = url,
            ["MessageBody"] = "héllo <xml> & friends",
            ["MessageAttributes"] = new JsonObject { ["kind"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "alert" } },
        });
        var received = await sqs.InvokeAsync("ReceiveMessage", new JsonObject
        {
            ["QueueUrl"] = url,
            ["AttributeNames"] = new JsonArray("All"),
            ["MessageAttributeNames"] = new JsonArray("All"),
        });
        var message = received["Messages"]![0]!;
        await sqs.InvokeAsync("DeleteMessage", new JsonObject { ["QueueUrl"] = url, ["ReceiptHandle"] = message["ReceiptHandle"]!.DeepClone() });
        var attributes = await sqs.InvokeAsync("GetQueueAttributes", new JsonObject { ["QueueUrl"] = url, ["AttributeNames"] = new JsonArray("All") });
        var tags = await sqs.InvokeAsync("ListQueueTags", new JsonObject { ["QueueUrl"] = url });

        Assert.Equal($"{emulator.Url}/000000000000/{name}", url);
        Assert.Equal("héllo <xml> & friends", (string?)message["Body"]);
        Assert.Equal((string?)sent["MD5OfMessageAttributes"], (string?)message["MD5OfMessageAttributes"]);
        Assert.Equal("alert", (string?)message["MessageAttributes"]!["kind"]!["StringValue"]);
        Assert.Equal("1", (string?)message["Attributes"]!["ApproximateReceiveCount"]);
        Assert.Equal("40", (string?)attributes["Attributes"]!["VisibilityTimeout"]);
        Assert.Equal("0", (string?)attributes["Attributes"]!["ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal("ir", (string?)tags["Tags"]!["team"]);
    }

    [Fact]
    public async Task The_query_era_client_reads_batch_results_and_failures()
    {
        using var sqs = QueryClient();
        var url = (string)(await sqs.InvokeAsync("CreateQueue", new JsonObject { ["QueueName"] = AwsCli.Unique("qbatch") }))["QueueUrl"]!;

        var result = await sqs.InvokeAsync("SendMessageBatch", new JsonObject
        {
            ["QueueUrl"] = url,
            ["Entries"] = new JsonArray(
                new JsonObject { ["Id"] = "ok", ["MessageBody"] = "fine" },
                new JsonObject { ["Id"] = "late", ["MessageBody"] = "x", ["DelaySeconds"] = 901 }),
        });

        Assert.Equal("ok", (string?)result["Successful"]![0]!["Id"]);
        Assert.Equal("late", (string?)result["Failed"]![0]!["Id"]);
        Assert.Equal("InvalidParameterValue", (string?)result["Failed"]![0]!["Code"]);
    }

    [Fact]
    public async Task A_missing_queue_is_the_query_era_NonExistentQueue_error()
    {
        using var sqs = QueryClient();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sqs.InvokeAsync("GetQueueUrl", new JsonObject { ["QueueName"] = "no-such-queue" }));

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", error.Code);
        Assert.Equal("The specified queue does not exist.", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task A_form_post_to_the_queue_url_without_QueueUrl_addresses_that_queue()
    {
        using var sqs = QueryClient();
        var name = AwsCli.Unique("path");
        await sqs.InvokeAsync("CreateQueue", new JsonObject { ["QueueName"] = name });

        var (status, body) = await SignedFormPost($"/000000000000/{name}", "Action=SendMessage&Version=2012-11-05&MessageBody=from%20the%20path");
        var received = await sqs.InvokeAsync("ReceiveMessage", new JsonObject { ["QueueUrl"] = $"{emulator.Url}/000000000000/{name}" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<SendMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">", body, StringComparison.Ordinal);
        Assert.Contains($"<MD5OfMessageBody>{Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("from the path")))}</MD5OfMessageBody>", body, StringComparison.Ordinal);
        Assert.Equal("from the path", (string?)received["Messages"]![0]!["Body"]);
    }

    [Fact]
    public async Task A_query_error_is_written_in_query_XML_with_the_query_era_code()
    {
        var (status, body) = await SignedFormPost("/", "Action=GetQueueUrl&Version=2012-11-05&QueueName=no-such-queue");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message></Error>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_error_carries_the_query_era_code_in_x_amzn_query_error()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{emulator.Url}/")
        {
            Content = new StringContent("{\"QueueName\":\"no-such-queue\"}", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        message.Headers.Add("X-Amz-Target", "AmazonSQS.GetQueueUrl");
        using var response = await Signer().SendAsync(message, CancellationToken.None);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
        Assert.Equal("QueueDoesNotExist", (string?)body["__type"]);
        Assert.Equal("The specified queue does not exist.", (string?)body["message"]);
    }

    private async Task<(HttpStatusCode Status, string Body)> SignedFormPost(string path, string form)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"{emulator.Url}{path}")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await Signer().SendAsync(message, CancellationToken.None);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static HttpMessageInvoker Signer() =>
        new(new SigV4SigningHandler(SdkClients.Root, RegionEndpoint.USEast1, "sqs", new HttpClientHandler()));
}
