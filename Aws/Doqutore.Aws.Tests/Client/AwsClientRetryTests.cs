using System.Net;
using System.Text;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Tests.Client;

/// <summary>
/// Retries need a server that throttles and fails on cue, which the emulator never does; a scripted
/// transport answers in its place. Everything above the socket (codec, signing, retry) is the real client.
/// </summary>
public class AwsClientRetryTests
{
    private sealed class ScriptedTransport(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        private int _next;

        public int Calls => _next;

        public List<string?> Authorizations { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : null);
            var (status, body) = answers[Math.Min(_next++, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") });
        }
    }

    private static AwsClient Client(ScriptedTransport transport, int retries = 3) => new(
        "cloudtrail",
        new AwsClientOptions
        {
            ServiceUrl = new Uri("http://127.0.0.1:1"),
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            MaxErrorRetry = retries,
            BaseBackoff = TimeSpan.FromMilliseconds(1),
        },
        transport);

    [Fact]
    public async Task Throttling_is_retried_until_success()
    {
        var transport = new ScriptedTransport(
            (HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            (HttpStatusCode.ServiceUnavailable, """{"__type":"ServiceUnavailableException","message":"busy"}"""),
            (HttpStatusCode.OK, """{"trailList":[{"Name":"t1"}]}"""));
        using var client = Client(transport);

        var output = await client.InvokeAsync("DescribeTrails");

        Assert.Equal(3, transport.Calls);
        Assert.Equal("t1", (string?)output["trailList"]![0]!["Name"]);
    }

    [Fact]
    public async Task Every_attempt_is_signed_afresh()
    {
        var transport = new ScriptedTransport(
            (HttpStatusCode.InternalServerError, """{"__type":"InternalFailure","message":"x"}"""),
            (HttpStatusCode.OK, "{}"));
        using var client = Client(transport);

        await client.InvokeAsync("DescribeTrails");

        Assert.All(transport.Authorizations, a => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", a, StringComparison.Ordinal));
        Assert.Contains("/us-east-1/cloudtrail/aws4_request", transport.Authorizations[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var transport = new ScriptedTransport((HttpStatusCode.BadRequest, """{"__type":"TrailNotFoundException","message":"Unknown trail: t9"}"""));
        using var client = Client(transport);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.InvokeAsync("GetTrail", new() { ["Name"] = "t9" }));

        Assert.Equal(1, transport.Calls);
        Assert.Equal("TrailNotFoundException", error.Code);
        Assert.Equal("Unknown trail: t9", error.Message);
    }

    [Fact]
    public async Task Retries_stop_at_the_limit_with_the_last_error()
    {
        var transport = new ScriptedTransport((HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));
        using var client = Client(transport, retries: 2);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.InvokeAsync("DescribeTrails"));

        Assert.Equal(3, transport.Calls);
        Assert.Equal("ThrottlingException", error.Code);
    }
}
