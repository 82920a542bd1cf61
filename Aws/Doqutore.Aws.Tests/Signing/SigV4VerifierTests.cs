using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Doqutore.Aws.Models;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Signing;

public class SigV4VerifierTests
{
    private static readonly DateTime SignedAt = new(2026, 1, 15, 10, 30, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Now = new(SignedAt);

    [Fact]
    public void A_request_without_authentication_is_anonymous()
    {
        var result = Verifier().Verify(Request("sts"), Now);

        Assert.Equal(SigV4Status.Anonymous, result.Status);
        Assert.Null(result.Failure);
    }

    [Fact]
    public void The_injected_clock_is_used_when_no_time_is_given()
    {
        var request = Signed("sts");
        var verifier = new SigV4Verifier(Keys(), new FixedClock(Now.AddMinutes(20)));

        Assert.Equal(SigV4FailureKind.RequestTooOld, verifier.Verify(request).Failure?.Kind);
    }

    [Fact]
    public void A_tampered_signature_is_rejected_with_the_calculated_strings()
    {
        var request = Signed("sts");
        var authorization = request.Headers["Authorization"]!;
        request.Headers["Authorization"] = authorization[..^1] + (authorization[^1] == '0' ? '1' : '0');

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.SignatureMismatch, failure?.Kind);
        Assert.StartsWith("POST\n/\n\n", failure!.CanonicalRequest, StringComparison.Ordinal);
        Assert.StartsWith("AWS4-HMAC-SHA256\n20260115T103000Z\n20260115/us-east-1/sts/aws4_request\n", failure.StringToSign, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_signed_with_the_wrong_secret_is_rejected()
    {
        var request = Signed("sts", new BasicAWSCredentials("test", "not-the-secret"));

        Assert.Equal(SigV4FailureKind.SignatureMismatch, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void An_unknown_access_key_is_rejected()
    {
        var request = Signed("sts", new BasicAWSCredentials("AKIAUNKNOWN", "test"));

        var result = Verifier().Verify(request, Now);

        Assert.Equal(SigV4FailureKind.UnknownAccessKey, result.Failure?.Kind);
        Assert.Equal("AKIAUNKNOWN", result.Failure!.AccessKeyId);
    }

    [Theory]
    [InlineData(-16, SigV4FailureKind.RequestTooOld)]
    [InlineData(16, SigV4FailureKind.RequestNotYetValid)]
    public void A_header_signed_request_more_than_15_minutes_off_the_clock_is_rejected(int minutesOff, SigV4FailureKind expected)
    {
        var request = Signed("sts");

        Assert.Equal(expected, Verifier().Verify(request, Now.AddMinutes(-minutesOff)).Failure?.Kind);
    }

    [Theory]
    [InlineData(-14)]
    [InlineData(14)]
    public void A_header_signed_request_within_15_minutes_is_accepted(int minutesOff)
    {
        var request = Signed("sts");

        Assert.True(Verifier().Verify(request, Now.AddMinutes(-minutesOff)).IsAuthenticated);
    }

    [Fact]
    public void A_presigned_url_is_not_subject_to_clock_skew_within_its_expiry()
    {
        var request = Presigned("s3", TimeSpan.FromHours(2));

        Assert.True(Verifier().Verify(request, Now.AddMinutes(90)).IsAuthenticated);
    }

    [Fact]
    public void A_presigned_url_valid_for_more_than_a_week_is_rejected()
    {
        var request = Presigned("s3", TimeSpan.FromMinutes(5));
        request.RawQuery = request.RawQuery.Replace("X-Amz-Expires=300", "X-Amz-Expires=604801", StringComparison.Ordinal);

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.PresignedExpiryTooLong, failure?.Kind);
        var error = AuthErrors.Create(failure!, AuthErrorFamily.S3);
        Assert.Equal("AuthorizationQueryParametersError", error.Code);
        Assert.Equal("X-Amz-Expires must be less than a week (in seconds) that is 604800", error.Message);
    }

    [Fact]
    public void A_presigned_url_dated_in_the_future_is_rejected()
    {
        var request = Presigned("s3", TimeSpan.FromHours(1));

        Assert.Equal(SigV4FailureKind.RequestNotYetValid, Verifier().Verify(request, Now.AddMinutes(-20)).Failure?.Kind);
    }

    [Fact]
    public void A_presigned_url_missing_a_parameter_is_malformed()
    {
        var request = Presigned("s3", TimeSpan.FromMinutes(5));
        request.RawQuery = string.Join('&', request.RawQuery.Split('&').Where(p => !p.StartsWith("X-Amz-SignedHeaders=", StringComparison.Ordinal)));

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.MalformedPresignedQuery, failure?.Kind);
        Assert.Equal("AuthorizationQueryParametersError", AuthErrors.Create(failure!, AuthErrorFamily.S3).Code);
    }

    [Fact]
    public void Temporary_credentials_without_their_session_token_are_rejected()
    {
        var request = Signed("sts", new BasicAWSCredentials("ASIATEMP", "secret2"));

        Assert.Equal(SigV4FailureKind.SessionTokenMissing, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void A_wrong_session_token_is_rejected()
    {
        var request = Signed("sts", new SessionAWSCredentials("ASIATEMP", "secret2", "token-2"));

        Assert.Equal(SigV4FailureKind.SessionTokenInvalid, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void Expired_temporary_credentials_are_rejected()
    {
        var request = Signed("sts", new SessionAWSCredentials("ASIATEMP", "secret2", "token-1"));
        var keys = new InMemorySigningKeyStore().Add("ASIATEMP", new SigningKey("secret2", "token-1", Now.AddMinutes(-1)));

        var failure = new SigV4Verifier(keys).Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.SessionTokenExpired, failure?.Kind);
    }

    [Fact]
    public void A_session_token_added_after_signing_is_accepted()
    {
        var request = Signed("sts", new BasicAWSCredentials("ASIATEMP", "secret2"));
        request.Headers["X-Amz-Security-Token"] = "token-1";

        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal("token-1", result.SessionToken);
        Assert.Equal("session", result.Principal);
        Assert.DoesNotContain("x-amz-security-token", result.SignedHeaders);
    }

    [Fact]
    public void A_session_token_appended_to_a_presigned_url_after_signing_is_accepted()
    {
        var request = Presigned("s3", TimeSpan.FromMinutes(5), new BasicAWSCredentials("ASIATEMP", "secret2"));
        request.RawQuery += "&X-Amz-Security-Token=token-1";

        Assert.True(Verifier().Verify(request, Now).IsAuthenticated);
    }

    [Fact]
    public void A_presigned_url_with_session_credentials_verifies()
    {
        var request = Presigned("s3", TimeSpan.FromMinutes(5), new SessionAWSCredentials("ASIATEMP", "secret2", "token-1"));

        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal("token-1", result.SessionToken);
    }

    [Fact]
    public void An_unsigned_payload_is_accepted_whatever_the_body()
    {
        var request = Request("s3", "PUT", "/bucket/key", "data");
        request.Headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
        Sign(request, "s3");
        request.Body = Encoding.UTF8.GetBytes("other data");

        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal("UNSIGNED-PAYLOAD", result.PayloadHash);
    }

    [Fact]
    public void An_s3_body_that_does_not_match_its_declared_hash_is_a_content_sha256_mismatch()
    {
        var request = Request("s3", "PUT", "/bucket/key", "data");
        request.Headers["x-amz-content-sha256"] = Sha256Hex("something else");
        Sign(request, "s3");

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.ContentSha256Mismatch, failure?.Kind);
        Assert.Equal(Sha256Hex("data"), failure!.ServerPayloadHash);
        var error = AuthErrors.Create(failure, AuthErrorFamily.S3);
        Assert.Equal("XAmzContentSHA256Mismatch", error.Code);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Another_service_reports_a_false_declared_hash_as_a_signature_mismatch()
    {
        var request = Request("sts", "POST", "/", "Action=GetCallerIdentity");
        request.Headers["x-amz-content-sha256"] = Sha256Hex("something else");
        Sign(request, "sts");

        Assert.Equal(SigV4FailureKind.SignatureMismatch, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void A_streamed_s3_body_is_checked_against_its_declared_hash_as_it_is_read()
    {
        var request = Request("s3", "PUT", "/bucket/key", string.Empty);
        request.Headers["x-amz-content-sha256"] = Sha256Hex("data");
        Sign(request, "s3");
        request.BodyStream = new MemoryStream(Encoding.UTF8.GetBytes("dada"));

        var result = Verifier().Verify(request, Now);
        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        using var body = new PayloadHashVerifyingStream(request.BodyStream, result.PendingPayloadHash!);

        var error = Assert.Throws<SigV4Exception>(() => body.CopyTo(Stream.Null));
        Assert.Equal("XAmzContentSHA256Mismatch", error.Code);
    }

    [Fact]
    public void A_streamed_body_matching_its_declared_hash_reads_through()
    {
        using var body = new PayloadHashVerifyingStream(new MemoryStream(Encoding.UTF8.GetBytes("data")), Sha256Hex("data"));
        using var target = new MemoryStream();

        body.CopyTo(target);

        Assert.Equal("data", Encoding.UTF8.GetString(target.ToArray()));
    }

    [Fact]
    public void An_s3_request_without_x_amz_content_sha256_is_rejected()
    {
        var request = Signed("s3");
        request.Headers.Remove("x-amz-content-sha256");

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.MissingContentSha256, failure?.Kind);
        Assert.Equal("InvalidRequest", AuthErrors.Create(failure!, AuthErrorFamily.S3).Code);
    }

    [Fact]
    public void An_s3_request_with_a_nonsense_x_amz_content_sha256_is_rejected()
    {
        var request = Request("s3", "PUT", "/bucket/key", "data");
        request.Headers["x-amz-content-sha256"] = "not-a-hash";
        Sign(request, "s3");

        Assert.Equal(SigV4FailureKind.InvalidContentSha256, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void An_authorization_header_without_a_signature_is_malformed()
    {
        var request = Request("sts");
        request.Headers["X-Amz-Date"] = "20260115T103000Z";
        request.Headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date";

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.MalformedAuthorization, failure?.Kind);
        var error = AuthErrors.Create(failure!, AuthErrorFamily.Query);
        Assert.Equal("IncompleteSignature", error.Code);
        Assert.StartsWith("Authorization header requires 'Signature' parameter.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("test/20260115/us-east-1/sts", SigV4FailureKind.MalformedAuthorization)]
    [InlineData("test/20260114/us-east-1/sts/aws4_request", SigV4FailureKind.CredentialScopeDateMismatch)]
    [InlineData("test/20260115/us-east-1/sts/aws5_request", SigV4FailureKind.InvalidCredentialTerminator)]
    public void A_bad_credential_scope_is_rejected(string credential, SigV4FailureKind expected)
    {
        var request = Request("sts");
        request.Headers["X-Amz-Date"] = "20260115T103000Z";
        request.Headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders=host;x-amz-date, Signature={new string('0', 64)}";

        Assert.Equal(expected, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void Host_must_be_signed()
    {
        var request = Request("sts");
        request.Headers["X-Amz-Date"] = "20260115T103000Z";
        request.Headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sts/aws4_request, SignedHeaders=x-amz-date, Signature={new string('0', 64)}";

        Assert.Equal(SigV4FailureKind.HostNotSigned, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void A_request_without_a_date_is_rejected()
    {
        var request = Request("sts");
        request.Headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/sts/aws4_request, SignedHeaders=host, Signature={new string('0', 64)}";

        Assert.Equal(SigV4FailureKind.MissingDate, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void A_sigv2_authorization_header_is_an_unsupported_algorithm()
    {
        var request = Request("s3");
        request.Headers["Authorization"] = "AWS test:c2lnbmF0dXJl";

        var failure = Verifier().Verify(request, Now).Failure;

        Assert.Equal(SigV4FailureKind.UnsupportedAlgorithm, failure?.Kind);
        Assert.Equal("InvalidArgument", AuthErrors.Create(failure!, AuthErrorFamily.S3).Code);
    }

    [Fact]
    public void Both_an_authorization_header_and_a_presigned_query_are_rejected()
    {
        var request = Presigned("s3", TimeSpan.FromMinutes(5));
        request.Headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260115/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00";

        Assert.Equal(SigV4FailureKind.ConflictingAuthentication, Verifier().Verify(request, Now).Failure?.Kind);
    }

    [Fact]
    public void A_signed_streaming_payload_exposes_the_chunk_signing_context()
    {
        var request = Request("s3", "PUT", "/bucket/key", string.Empty);
        request.Headers["x-amz-content-sha256"] = SigV4Constants.StreamingSignedPayload;
        Sign(request, "s3");

        var result = Verifier().Verify(request, Now);

        Assert.True(result.IsAuthenticated, result.Failure?.ToString());
        Assert.Equal(result.Signature, result.ChunkSigning?.SeedSignature);
        Assert.Equal("20260115/us-east-1/s3/aws4_request", result.ChunkSigning?.Scope);
    }

    private static SigV4Verifier Verifier() => new(Keys());

    private static InMemorySigningKeyStore Keys() => new InMemorySigningKeyStore()
        .Add("test", new SigningKey("test", Principal: "root"))
        .Add("ASIATEMP", new SigningKey("secret2", "token-1", Now.AddHours(1), "session"));

    private static WireRequest Request(string service, string method = "POST", string path = "/", string body = "Action=GetCallerIdentity")
    {
        var request = new WireRequest { Method = method, Host = "localhost:4566", RawPath = path, Body = Encoding.UTF8.GetBytes(body) };
        request.Headers.Add("Host", "localhost:4566");
        if (service != "s3")
        {
            request.Headers.Add("Content-Type", "application/x-www-form-urlencoded");
        }

        return request;
    }

    private static WireRequest Signed(string service, AWSCredentials? credentials = null)
    {
        var request = service == "s3" ? Request(service, "GET", "/bucket/key", string.Empty) : Request(service);
        Sign(request, service, credentials);
        return request;
    }

    private static void Sign(WireRequest request, string service, AWSCredentials? credentials = null)
    {
        using var signer = new RequestSigner(credentials ?? new BasicAWSCredentials("test", "test"), "us-east-1", service, SignedAt);
        signer.Sign(request);
    }

    private static WireRequest Presigned(string service, TimeSpan expiry, AWSCredentials? credentials = null)
    {
        var request = Request(service, "GET", "/bucket/key", string.Empty);
        new RequestPresigner(credentials ?? new BasicAWSCredentials("test", "test"), "us-east-1", service, SignedAt).PresignInPlace(request, expiry);
        return request;
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
