using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Emulator;

/// <summary>The gateway over real HTTP: its own endpoints, authentication edges, CORS and request ids.</summary>
[Collection(EmulatorCollection.Name)]
public class GatewayBehaviourTests(EmulatorFixture emulator)
{
    private static readonly HttpClient Http = new();

    private static readonly AWSCredentials Root = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey);

    private WireRequest StsGetCallerIdentity() => new()
    {
        Method = "POST",
        Host = emulator.Endpoint.Authority,
        RawPath = "/",
        Headers = { { "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" } },
        Body = Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-15"),
    };

    private static Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(WireRequest request) => RawHttp.SendAsync(request);

    [Fact]
    public async Task Health_lists_every_embedded_service_with_its_version()
    {
        var health = JsonNode.Parse(await Http.GetStringAsync(new Uri(emulator.Url + "/_doqutore/health")))!;

        var services = health["services"]!.AsObject();
        Assert.Equal(16, services.Count);
        Assert.Equal("2011-06-15", (string?)services["sts"]!["apiVersion"]);
        Assert.Equal("running", (string?)services["sts"]!["status"]);
        Assert.Equal("running", (string?)services["dynamodb"]!["status"]);
        Assert.Equal("running", (string?)services["lambda"]!["status"]);
        Assert.Equal("available", (string?)services["apigateway"]!["status"]);
        Assert.Equal(["Json", "Query"], services["sqs"]!["protocols"]!.AsArray().Select(p => (string?)p).Order());
    }

    [Fact]
    public async Task Diagnostics_count_requests_and_no_unexpected_exceptions()
    {
        await SendAsync(StsGetCallerIdentity());

        var diagnostics = JsonNode.Parse(await Http.GetStringAsync(new Uri(emulator.Url + "/_doqutore/diagnostics")))!;

        Assert.True((long)diagnostics["requests"]! >= 1);
        Assert.Equal(0, (long)diagnostics["unexpectedExceptions"]!);
    }

    [Fact]
    public async Task Reset_answers_with_the_number_of_stores_cleared()
    {
        using var response = await Http.PostAsync(new Uri(emulator.Url + "/_doqutore/reset"), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["reset"]!);
    }

    [Fact]
    public async Task An_unsigned_request_to_a_signed_service_is_MissingAuthenticationToken()
    {
        var (status, body, _) = await SendAsync(StsGetCallerIdentity());

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_request_answers_with_a_request_id()
    {
        var request = StsGetCallerIdentity();
        using (var signer = new RequestSigner(Root, EmulatorFixture.Region, "sts"))
        {
            await signer.SignAsync(request, CancellationToken.None);
        }

        var (status, body, response) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<Arn>arn:aws:iam::000000000000:root</Arn>", body, StringComparison.Ordinal);
        var requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        Assert.Contains($"<RequestId>{requestId}</RequestId>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_signed_twenty_minutes_ago_has_expired()
    {
        var request = StsGetCallerIdentity();
        using (var signer = new RequestSigner(Root, EmulatorFixture.Region, "sts", DateTime.UtcNow.AddMinutes(-20)))
        {
            await signer.SignAsync(request, CancellationToken.None);
        }

        var (status, body, _) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
        Assert.Contains("Signature expired:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        var request = StsGetCallerIdentity();
        using (var signer = new RequestSigner(Root, EmulatorFixture.Region, "sts"))
        {
            await signer.SignAsync(request, CancellationToken.None);
        }

        request.Body = Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-16");
        var (status, body, _) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presigned_S3_url_is_authenticated_and_routed()
    {
        var get = new WireRequest { Method = "GET", Host = emulator.Endpoint.Authority, RawPath = "/frontend/index.html" };
        var url = new RequestPresigner(Root, EmulatorFixture.Region, "s3").Presign(get, TimeSpan.FromMinutes(5));

        using var response = await Http.GetAsync(url);

        // Authenticated as the root and routed to GetObject, which finds no such bucket.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<Code>NoSuchBucket</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_preflights_are_answered_without_credentials()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(emulator.Url + "/frontend/index.html"));
        preflight.Headers.Add("Origin", "http://localhost:5173");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,x-amz-date,x-amz-content-sha256");

        using var response = await Http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost:5173", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PUT", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("x-amz-date", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.Ordinal);
    }
}
