using Doqutore.Aws.Models;
using Doqutore.Aws.Signing;

namespace Doqutore.Aws.Tests.Signing;

public class AuthErrorsTests
{
    private static readonly DateTimeOffset ServerTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static TheoryData<SigV4FailureKind, AuthErrorFamily, string, int> Codes => new()
    {
        { SigV4FailureKind.MissingAuthentication, AuthErrorFamily.Query, "MissingAuthenticationToken", 403 },
        { SigV4FailureKind.MissingAuthentication, AuthErrorFamily.Json, "MissingAuthenticationTokenException", 403 },
        { SigV4FailureKind.MissingAuthentication, AuthErrorFamily.S3, "AccessDenied", 403 },
        { SigV4FailureKind.MalformedAuthorization, AuthErrorFamily.Query, "IncompleteSignature", 400 },
        { SigV4FailureKind.MalformedAuthorization, AuthErrorFamily.Json, "IncompleteSignatureException", 400 },
        { SigV4FailureKind.MalformedAuthorization, AuthErrorFamily.S3, "AuthorizationHeaderMalformed", 400 },
        { SigV4FailureKind.MalformedPresignedQuery, AuthErrorFamily.S3, "AuthorizationQueryParametersError", 400 },
        { SigV4FailureKind.UnknownAccessKey, AuthErrorFamily.Query, "InvalidClientTokenId", 403 },
        { SigV4FailureKind.UnknownAccessKey, AuthErrorFamily.Json, "UnrecognizedClientException", 403 },
        { SigV4FailureKind.UnknownAccessKey, AuthErrorFamily.S3, "InvalidAccessKeyId", 403 },
        { SigV4FailureKind.SignatureMismatch, AuthErrorFamily.Query, "SignatureDoesNotMatch", 403 },
        { SigV4FailureKind.SignatureMismatch, AuthErrorFamily.Json, "InvalidSignatureException", 403 },
        { SigV4FailureKind.SignatureMismatch, AuthErrorFamily.S3, "SignatureDoesNotMatch", 403 },
        { SigV4FailureKind.SessionTokenExpired, AuthErrorFamily.Query, "ExpiredToken", 403 },
        { SigV4FailureKind.SessionTokenExpired, AuthErrorFamily.Json, "ExpiredTokenException", 403 },
        { SigV4FailureKind.SessionTokenExpired, AuthErrorFamily.S3, "ExpiredToken", 400 },
        { SigV4FailureKind.SessionTokenInvalid, AuthErrorFamily.S3, "InvalidToken", 400 },
        { SigV4FailureKind.RequestTooOld, AuthErrorFamily.S3, "RequestTimeTooSkewed", 403 },
        { SigV4FailureKind.PresignedExpired, AuthErrorFamily.Query, "RequestExpired", 400 },
        { SigV4FailureKind.PresignedExpired, AuthErrorFamily.S3, "AccessDenied", 403 },
        { SigV4FailureKind.ContentSha256Mismatch, AuthErrorFamily.S3, "XAmzContentSHA256Mismatch", 400 },
        { SigV4FailureKind.ContentSha256Mismatch, AuthErrorFamily.Json, "InvalidSignatureException", 403 },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_failure_maps_to_the_aws_code_and_status_of_its_protocol(SigV4FailureKind kind, AuthErrorFamily family, string code, int status)
    {
        var error = AuthErrors.Create(new SigV4Failure(kind) { ServerTime = ServerTime, RequestTime = ServerTime }, family);

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public void Every_failure_kind_has_an_error_in_every_family()
    {
        foreach (var kind in Enum.GetValues<SigV4FailureKind>())
        {
            foreach (var family in Enum.GetValues<AuthErrorFamily>())
            {
                var error = AuthErrors.Create(new SigV4Failure(kind), family);
                Assert.False(string.IsNullOrEmpty(error.Message), $"{kind} x {family}");
            }
        }
    }

    [Fact]
    public void A_query_request_too_old_says_signature_expired_with_both_times()
    {
        var failure = new SigV4Failure(SigV4FailureKind.RequestTooOld) { RequestTime = ServerTime.AddMinutes(-20), ServerTime = ServerTime };

        var error = AuthErrors.Create(failure, AuthErrorFamily.Query);

        Assert.Equal("Signature expired: 20150830T121600Z is now earlier than 20150830T122100Z (20150830T123600Z - 15 min.)", error.Message);
    }

    [Fact]
    public void A_json_request_from_the_future_says_signature_not_yet_current()
    {
        var failure = new SigV4Failure(SigV4FailureKind.RequestNotYetValid) { RequestTime = ServerTime.AddMinutes(20), ServerTime = ServerTime };

        var error = AuthErrors.Create(failure, AuthErrorFamily.Json);

        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal("Signature not yet current: 20150830T125600Z is still later than 20150830T125100Z (20150830T123600Z + 15 min.)", error.Message);
    }

    [Fact]
    public void A_json_signature_mismatch_quotes_the_canonical_string_and_string_to_sign()
    {
        var failure = new SigV4Failure(SigV4FailureKind.SignatureMismatch) { CanonicalRequest = "GET\n/\n", StringToSign = "AWS4-HMAC-SHA256\nX" };

        var error = AuthErrors.Create(failure, AuthErrorFamily.Json);

        Assert.Equal(
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
            + "The Canonical String for this request should have been\n'GET\n/\n'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\nX'\n",
            error.Message);
    }

    [Fact]
    public void An_s3_signature_mismatch_carries_the_calculated_strings_and_their_bytes()
    {
        var failure = new SigV4Failure(SigV4FailureKind.SignatureMismatch)
        {
            AccessKeyId = "test",
            CanonicalRequest = "GET",
            StringToSign = "AB",
            SignatureProvided = "abc",
        };

        var error = AuthErrors.Create(failure, AuthErrorFamily.S3);

        Assert.Equal("test", error.Details["AWSAccessKeyId"]?.GetValue<string>());
        Assert.Equal("AB", error.Details["StringToSign"]?.GetValue<string>());
        Assert.Equal("41 42", error.Details["StringToSignBytes"]?.GetValue<string>());
        Assert.Equal("GET", error.Details["CanonicalRequest"]?.GetValue<string>());
        Assert.Equal("47 45 54", error.Details["CanonicalRequestBytes"]?.GetValue<string>());
        Assert.Equal("abc", error.Details["SignatureProvided"]?.GetValue<string>());
    }

    [Theory]
    [InlineData(SigV4FailureKind.UnknownAccessKey, AuthErrorFamily.S3, "The AWS Access Key Id you provided does not exist in our records.")]
    [InlineData(SigV4FailureKind.UnknownAccessKey, AuthErrorFamily.Json, "The security token included in the request is invalid.")]
    [InlineData(SigV4FailureKind.RequestTooOld, AuthErrorFamily.S3, "The difference between the request time and the current time is too large.")]
    [InlineData(SigV4FailureKind.PresignedExpired, AuthErrorFamily.S3, "Request has expired")]
    [InlineData(SigV4FailureKind.SessionTokenExpired, AuthErrorFamily.S3, "The provided token has expired.")]
    [InlineData(SigV4FailureKind.SessionTokenInvalid, AuthErrorFamily.S3, "The provided token is malformed or otherwise invalid.")]
    public void The_messages_are_those_aws_sends(SigV4FailureKind kind, AuthErrorFamily family, string message)
    {
        var error = AuthErrors.Create(new SigV4Failure(kind) { ServerTime = ServerTime, RequestTime = ServerTime }, family);

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(Protocol.Query, AuthErrorFamily.Query)]
    [InlineData(Protocol.Json, AuthErrorFamily.Json)]
    [InlineData(Protocol.RestJson, AuthErrorFamily.Json)]
    [InlineData(Protocol.RestXml, AuthErrorFamily.S3)]
    public void Each_protocol_belongs_to_a_family(Protocol protocol, AuthErrorFamily family) =>
        Assert.Equal(family, AuthErrors.FamilyOf(protocol));
}
