using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Signing;

/// <summary>Requests signed by AWSSDK.Core (through <see cref="RequestSigner"/> and directly) verify with <see cref="SigV4Verifier"/>.</summary>
public class RequestSignerTests
{
    private static readonly DateTime SignedAt = new(2026, 1, 15, 10, 30, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Now = new(SignedAt);

    [Theory]
    [InlineData("sts", "POST", "/", "")]
    [InlineData("lambda", "POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations", "Qualifier=%24LATEST")]
    [InlineData("s3", "PUT", "/bucket/folder//a%20b/..%2Fc%2Bd.txt", "")]
    [InlineData("s3", "GET", "/bucket", "list-type=2&prefix=a%20b&delimiter=%2F")]
    public void A_request_signed_by_RequestSigner_verifies(string service, string method, string path, string query)
    {
        var request = Request(method, path, query, "Action=GetCallerIdentity&Version=2011-06-15");
        using var signer = new RequestSigner(new BasicAWSCredentials("test", "test"), "us-east-1", service, SignedAt);

        signer.Sign(request);
        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString() + "\n" + result.Failure?.CanonicalRequest);
        Assert.Equal(service, result.Service);
        Assert.Equal("root", result.Principal);
    }

    [Fact]
    public async Task A_request_signed_asynchronously_with_session_credentials_carries_the_token()
    {
        var request = Request("POST", "/", string.Empty, "Action=GetCallerIdentity");
        using var signer = new RequestSigner(new SessionAWSCredentials("ASIATEMP", "secret2", "token-1"), "eu-west-1", "sts", SignedAt);

        await signer.SignAsync(request);
        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal("token-1", result.SessionToken);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Fact]
    public void A_body_changed_after_signing_is_rejected()
    {
        var request = Request("POST", "/", string.Empty, "Action=GetCallerIdentity");
        using var signer = new RequestSigner(new BasicAWSCredentials("test", "test"), "us-east-1", "sts", SignedAt);
        signer.Sign(request);

        request.Body = Encoding.UTF8.GetBytes("Action=ListUsers");

        Assert.Equal(SigV4FailureKind.SignatureMismatch, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void A_streamed_body_is_signed_as_UNSIGNED_PAYLOAD()
    {
        var request = Request("PUT", "/bucket/key", string.Empty, string.Empty);
        request.BodyStream = new MemoryStream(Encoding.UTF8.GetBytes("object data"));
        using var signer = new RequestSigner(new BasicAWSCredentials("test", "test"), "us-east-1", "s3", SignedAt);

        signer.Sign(request);
        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal(SigV4Constants.UnsignedPayload, result.PayloadHash);
    }

    [Theory]
    [InlineData("s3", "/bucket/a%20b.txt")]
    [InlineData("sts", "/")]
    public void A_url_presigned_by_RequestPresigner_verifies(string service, string path)
    {
        var request = Request("GET", path, "Action=GetCallerIdentity&Version=2011-06-15", string.Empty);
        var presigner = new RequestPresigner(new BasicAWSCredentials("test", "test"), "us-east-1", service, SignedAt);

        presigner.PresignInPlace(request, TimeSpan.FromMinutes(5));
        var result = Verifier().Verify(request, Now.AddMinutes(4));

        Assert.True(result.IsAuthenticated, result.Failure?.ToString() + "\n" + result.Failure?.CanonicalRequest);
        Assert.True(result.Presigned);
    }

    [Fact]
    public void A_presigned_url_used_after_its_expiry_is_rejected()
    {
        var request = Request("GET", "/bucket/key", string.Empty, string.Empty);
        new RequestPresigner(new BasicAWSCredentials("test", "test"), "us-east-1", "s3", SignedAt).PresignInPlace(request, TimeSpan.FromMinutes(5));

        var result = Verifier().Verify(request, Now.AddMinutes(6));

        Assert.Equal(SigV4FailureKind.PresignedExpired, result.Failure?.Kind);
    }

    [Theory]
    [InlineData("sts", "/")]
    [InlineData("s3", "/bucket/a%20b/c.txt")]
    public void A_request_signed_by_the_sdk_AWS4Signer_verifies(string service, string resourcePath)
    {
        var sdkRequest = new DefaultRequest(new AmazonWebServiceRequestStub(), service)
        {
            HttpMethod = "POST",
            Endpoint = new Uri("http://localhost:4566"),
            ResourcePath = Uri.UnescapeDataString(resourcePath),
            Content = Encoding.UTF8.GetBytes("Action=GetCallerIdentity"),
            AuthenticationRegion = "us-east-1",
            OverrideSigningServiceName = service,
            UseDoubleEncoding = service != "s3",
        };
        sdkRequest.Headers["Content-Type"] = "application/x-www-form-urlencoded";
        var config = new StubClientConfig();

        var signing = new AWS4Signer().SignRequest(sdkRequest, config, null, "test", "test", SignedAt);
        var request = Request("POST", resourcePath, string.Empty, "Action=GetCallerIdentity");
        foreach (var (name, value) in sdkRequest.Headers)
        {
            request.Headers[name] = value;
        }

        request.Headers["Authorization"] = signing.ForAuthorizationHeader;
        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString() + "\n" + result.Failure?.CanonicalRequest);
    }

    private static SigV4Verifier Verifier() => new(new InMemorySigningKeyStore()
        .Add("test", new SigningKey("test", Principal: "root"))
        .Add("ASIATEMP", new SigningKey("secret2", "token-1", Now.AddHours(1), "session")));

    private static WireRequest Request(string method, string path, string query, string body)
    {
        var request = new WireRequest { Method = method, Host = "localhost:4566", RawPath = path, RawQuery = query, Body = Encoding.UTF8.GetBytes(body) };
        request.Headers.Add("Host", "localhost:4566");
        if (body.Length > 0)
        {
            request.Headers.Add("Content-Type", "application/x-www-form-urlencoded");
        }

        return request;
    }

    private sealed class AmazonWebServiceRequestStub : AmazonWebServiceRequest;

    /// <summary>The signer reads no endpoint from its config when region and service are set on the request.</summary>
    private sealed class StubClientConfig() : ClientConfig(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard }]))
    {
        public override string ServiceVersion => "2011-06-15";

        public override string UserAgent => "doqutore-tests";

        public override string RegionEndpointServiceName => "sts";

        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) =>
            new("http://localhost:4566");
    }
}
