// The one table of authentication errors: SigV4FailureKind x protocol family -> AWS code, status, message.
//
// Provenance of the texts (reference = /work/shared/reference/aws-behaviour.md §5 and §4.2):
//   [ref]   from the reference (itself quoting AWS docs);
//   [brief] as our issue brief states it (observed AWS behaviour, not in the reference);
//   [guess] best guess from memory of real AWS responses, not verified against AWS; check before relying.
// Where the reference marks a fact unverified, the entry says [ref, unverified].
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Signing;

/// <summary>The families of protocols that answer authentication errors alike.</summary>
public enum AuthErrorFamily
{
    /// <summary>awsQuery (STS, IAM, SNS, CloudFormation, CloudWatch over query).</summary>
    Query,

    /// <summary>awsJson 1.0/1.1 and restJson1.</summary>
    Json,

    /// <summary>restXml: S3.</summary>
    S3,
}

/// <summary>Turns a <see cref="SigV4Failure"/> into the <see cref="AwsServiceException"/> AWS answers with.</summary>
public static class AuthErrors
{
    // [ref] SIGV4-TS first sentence; the query/json tail [guess] (the wording STS and DynamoDB send).
    private const string SignatureMismatchText = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    // [guess] S3's shorter wording.
    private const string S3SignatureMismatchText = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";

    // [brief] the text STS, IAM, SNS and the json services send for an unknown key or a bad token
    // (the reference's CERR text for InvalidClientTokenId, "The X.509 certificate or AWS access key ID provided
    // does not exist in our records.", is the documented one; AWS is observed to send this one).
    private const string InvalidTokenText = "The security token included in the request is invalid.";

    // [guess] the text observed from STS, IAM and DynamoDB; [ref] CERR documents "... has expired."
    private const string ExpiredTokenText = "The security token included in the request is expired";

    /// <summary>The family of a protocol.</summary>
    public static AuthErrorFamily FamilyOf(Protocol protocol) => protocol switch
    {
        Protocol.Query => AuthErrorFamily.Query,
        Protocol.RestXml => AuthErrorFamily.S3,
        _ => AuthErrorFamily.Json,
    };

    /// <summary>The error for a request with no authentication to a service that requires it.</summary>
    public static AwsServiceException MissingAuthentication(AuthErrorFamily family) =>
        Create(new SigV4Failure(SigV4FailureKind.MissingAuthentication), family);

    /// <summary>The AWS error for a failure, as the given protocol family reports it.</summary>
    public static AwsServiceException Create(SigV4Failure failure, AuthErrorFamily family) => family switch
    {
        AuthErrorFamily.Query => Query(failure),
        AuthErrorFamily.Json => Json(failure),
        _ => S3(failure),
    };

    private static AwsServiceException Query(SigV4Failure f) => f.Kind switch
    {
        // [ref] CERR.
        SigV4FailureKind.MissingAuthentication => new("MissingAuthenticationToken", "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.", 403),

        // [ref] code and status (CERR); the specific detail [guess].
        SigV4FailureKind.MalformedAuthorization or SigV4FailureKind.MalformedPresignedQuery or SigV4FailureKind.MissingDate
            or SigV4FailureKind.UnsupportedAlgorithm or SigV4FailureKind.ConflictingAuthentication or SigV4FailureKind.HostNotSigned
            or SigV4FailureKind.InvalidContentSha256 or SigV4FailureKind.MissingContentSha256 or SigV4FailureKind.MalformedChunk
            or SigV4FailureKind.DecodedLengthMismatch
            => new("IncompleteSignature", f.Detail ?? "The request signature does not conform to AWS standards.", 400),

        // [ref] texts (SIGV4-TS), code [guess].
        SigV4FailureKind.CredentialScopeDateMismatch or SigV4FailureKind.InvalidCredentialTerminator
            => new("SignatureDoesNotMatch", f.Detail ?? SignatureMismatchText, 403),

        // [brief] code and text.
        SigV4FailureKind.UnknownAccessKey or SigV4FailureKind.SessionTokenMissing or SigV4FailureKind.SessionTokenInvalid
            => new("InvalidClientTokenId", InvalidTokenText, 403),

        // [ref, unverified] code ExpiredToken; text [guess].
        SigV4FailureKind.SessionTokenExpired => new("ExpiredToken", ExpiredTokenText, 403),

        // [ref] texts (SIGV4-TS, with the "(<now> - 15 min.)" tail [brief]); code [guess]: STS and IAM answer clock skew
        // with SignatureDoesNotMatch 403, not CERR's RequestExpired.
        SigV4FailureKind.RequestTooOld => new("SignatureDoesNotMatch", SignatureExpiredText(f), 403),
        SigV4FailureKind.RequestNotYetValid => new("SignatureDoesNotMatch", NotYetCurrentText(f), 403),

        // [ref] RequestExpired 400 "after a presigned expiry" (CERR); text [guess].
        SigV4FailureKind.PresignedExpired => new("RequestExpired", "Request has expired.", 400),

        // [guess].
        SigV4FailureKind.PresignedExpiryTooLong => new("AuthorizationQueryParametersError", f.Detail ?? "X-Amz-Expires must be less than a week (in seconds) that is 604800", 400),

        // [ref] SIGV4-TS; 403 [ref].
        SigV4FailureKind.SignatureMismatch or SigV4FailureKind.ContentSha256Mismatch or SigV4FailureKind.ChunkSignatureMismatch
            => new("SignatureDoesNotMatch", SignatureMismatchText, 403),

        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, null),
    };

    private static AwsServiceException Json(SigV4Failure f) => f.Kind switch
    {
        // [ref] code and text (DDB-ERR); 403 [brief] (DynamoDB documents 400).
        SigV4FailureKind.MissingAuthentication => new("MissingAuthenticationTokenException", "Request must contain a valid (registered) AWS Access Key ID.", 403),

        // [ref] code (DDB-ERR), detail [guess]; 400 [ref].
        SigV4FailureKind.MalformedAuthorization or SigV4FailureKind.MalformedPresignedQuery or SigV4FailureKind.MissingDate
            or SigV4FailureKind.UnsupportedAlgorithm or SigV4FailureKind.ConflictingAuthentication or SigV4FailureKind.HostNotSigned
            or SigV4FailureKind.InvalidContentSha256 or SigV4FailureKind.MissingContentSha256 or SigV4FailureKind.MalformedChunk
            or SigV4FailureKind.DecodedLengthMismatch or SigV4FailureKind.PresignedExpiryTooLong
            => new("IncompleteSignatureException", f.Detail ?? "The request signature does not conform to AWS standards.", 400),

        // [ref, unverified] InvalidSignatureException; texts [ref] SIGV4-TS.
        SigV4FailureKind.CredentialScopeDateMismatch or SigV4FailureKind.InvalidCredentialTerminator
            => new("InvalidSignatureException", f.Detail ?? SignatureMismatchText, 403),
        SigV4FailureKind.RequestTooOld => new("InvalidSignatureException", SignatureExpiredText(f), 403),
        SigV4FailureKind.RequestNotYetValid => new("InvalidSignatureException", NotYetCurrentText(f), 403),

        // [guess]: the expiry reported like a clock skew against X-Amz-Date + X-Amz-Expires.
        SigV4FailureKind.PresignedExpired => new("InvalidSignatureException", "Signature expired: " + PresignedExpiryText(f), 403),

        // [brief] code, text and 403 (DDB-ERR [ref] has "The Access Key ID or security token is invalid." and 400).
        SigV4FailureKind.UnknownAccessKey or SigV4FailureKind.SessionTokenMissing or SigV4FailureKind.SessionTokenInvalid
            => new("UnrecognizedClientException", InvalidTokenText, 403),

        // [ref] code and status (CERR); text [guess].
        SigV4FailureKind.SessionTokenExpired => new("ExpiredTokenException", ExpiredTokenText, 403),

        // [brief] the signature text followed by the canonical request and string to sign [ref, unverified].
        SigV4FailureKind.SignatureMismatch or SigV4FailureKind.ContentSha256Mismatch or SigV4FailureKind.ChunkSignatureMismatch
            => new("InvalidSignatureException", JsonSignatureMismatchText(f), 403),

        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, null),
    };

    private static AwsServiceException S3(SigV4Failure f) => f.Kind switch
    {
        // [ref] S3-ERR (AccessDenied, 403): S3 answers anonymous requests it refuses this way.
        SigV4FailureKind.MissingAuthentication => new("AccessDenied", "Access Denied", 403),

        // [ref, unverified] code; text [guess].
        SigV4FailureKind.MalformedAuthorization => new("AuthorizationHeaderMalformed", "The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".", 400),
        SigV4FailureKind.CredentialScopeDateMismatch when !f.Presigned
            => new("AuthorizationHeaderMalformed", "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.", 400),
        SigV4FailureKind.InvalidCredentialTerminator or SigV4FailureKind.HostNotSigned when !f.Presigned
            => new("AuthorizationHeaderMalformed", $"The authorization header is malformed; {f.Detail}", 400),

        // [brief] code and status; texts [guess].
        SigV4FailureKind.MalformedPresignedQuery or SigV4FailureKind.PresignedExpiryTooLong
            or SigV4FailureKind.CredentialScopeDateMismatch or SigV4FailureKind.InvalidCredentialTerminator or SigV4FailureKind.HostNotSigned
            => new("AuthorizationQueryParametersError", f.Detail ?? "Error parsing the X-Amz-Credential parameter.", 400),
        SigV4FailureKind.UnsupportedAlgorithm when f.Presigned => new("AuthorizationQueryParametersError", f.Detail ?? "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", 400),

        // [guess].
        SigV4FailureKind.UnsupportedAlgorithm => WithDetails(new("InvalidArgument", "Unsupported Authorization Type", 400), ("ArgumentName", "Authorization"), ("ArgumentValue", f.Authorization)),
        SigV4FailureKind.ConflictingAuthentication => new("InvalidArgument", "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified", 400),
        SigV4FailureKind.MissingDate => new("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", 403),
        SigV4FailureKind.MissingContentSha256 => new("InvalidRequest", "Missing required header for this request: x-amz-content-sha256", 400),
        SigV4FailureKind.InvalidContentSha256 => WithDetails(
            new("InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.", 400),
            ("ArgumentName", "x-amz-content-sha256"),
            ("ArgumentValue", f.ClientPayloadHash)),

        // [brief] text; 403 [ref, unverified].
        SigV4FailureKind.UnknownAccessKey or SigV4FailureKind.SessionTokenMissing
            => WithDetails(new("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403), ("AWSAccessKeyId", f.AccessKeyId)),

        // [brief] code, status, text.
        SigV4FailureKind.SessionTokenInvalid => new("InvalidToken", "The provided token is malformed or otherwise invalid.", 400),
        SigV4FailureKind.SessionTokenExpired => new("ExpiredToken", "The provided token has expired.", 400),

        // [ref] 15 minutes, code; status [ref, unverified] 403; text [brief]; details [guess].
        SigV4FailureKind.RequestTooOld or SigV4FailureKind.RequestNotYetValid when !f.Presigned => WithDetails(
            new("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403),
            ("RequestTime", Timestamp(f.RequestTime)),
            ("ServerTime", Iso(f.ServerTime)),
            ("MaxAllowedSkewMilliseconds", "900000")),

        // [guess].
        SigV4FailureKind.RequestNotYetValid => new("AccessDenied", "Request is not valid yet", 403),

        // [brief] code, status, text; details [guess].
        SigV4FailureKind.PresignedExpired => WithDetails(
            new("AccessDenied", "Request has expired", 403),
            ("X-Amz-Expires", f.ExpiresSeconds?.ToString(CultureInfo.InvariantCulture)),
            ("Expires", Iso(f.RequestTime?.AddSeconds(f.ExpiresSeconds ?? 0))),
            ("ServerTime", Iso(f.ServerTime))),

        // [ref] SIGV4-TS and S3-AUTH; the element set [ref, unverified]; the text [guess].
        SigV4FailureKind.SignatureMismatch or SigV4FailureKind.ChunkSignatureMismatch => WithDetails(
            new("SignatureDoesNotMatch", S3SignatureMismatchText, 403),
            ("AWSAccessKeyId", f.AccessKeyId),
            ("StringToSign", f.StringToSign),
            ("SignatureProvided", f.SignatureProvided),
            ("StringToSignBytes", HexBytes(f.StringToSign)),
            ("CanonicalRequest", f.CanonicalRequest),
            ("CanonicalRequestBytes", HexBytes(f.CanonicalRequest))),

        // [brief] code and status; text and details [guess].
        SigV4FailureKind.ContentSha256Mismatch => WithDetails(
            new("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400),
            ("ClientComputedContentSHA256", f.ClientPayloadHash),
            ("S3ComputedContentSHA256", f.ServerPayloadHash)),

        // [guess] S3's texts for a broken aws-chunked body.
        SigV4FailureKind.MalformedChunk => new("IncompleteBody", f.Detail ?? "The request body terminated unexpectedly", 400),
        SigV4FailureKind.DecodedLengthMismatch => new("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header", 400),

        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, null),
    };

    private static string SignatureExpiredText(SigV4Failure f)
    {
        var now = f.ServerTime ?? DateTimeOffset.UtcNow;
        return $"Signature expired: {Timestamp(f.RequestTime)} is now earlier than {Timestamp(now - SigV4Constants.AllowedClockSkew)} ({Timestamp(now)} - 15 min.)";
    }

    private static string NotYetCurrentText(SigV4Failure f)
    {
        var now = f.ServerTime ?? DateTimeOffset.UtcNow;
        return $"Signature not yet current: {Timestamp(f.RequestTime)} is still later than {Timestamp(now + SigV4Constants.AllowedClockSkew)} ({Timestamp(now)} + 15 min.)";
    }

    private static string PresignedExpiryText(SigV4Failure f) =>
        $"{Timestamp(f.RequestTime?.AddSeconds(f.ExpiresSeconds ?? 0))} is now earlier than {Timestamp(f.ServerTime)}";

    private static string JsonSignatureMismatchText(SigV4Failure f)
    {
        if (f.CanonicalRequest is null || f.StringToSign is null)
        {
            return SignatureMismatchText;
        }

        return $"{SignatureMismatchText}\n\nThe Canonical String for this request should have been\n'{f.CanonicalRequest}'\n\nThe String-to-Sign should have been\n'{f.StringToSign}'\n";
    }

    private static AwsServiceException WithDetails(AwsServiceException error, params (string Name, string? Value)[] details)
    {
        var json = new JsonObject();
        foreach (var (name, value) in details)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }

        return new AwsServiceException(error.Code, error.Message, error.StatusCode) { Details = json };
    }

    private static string Timestamp(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString(SigV4Constants.TimestampFormat, CultureInfo.InvariantCulture) ?? string.Empty;

    private static string? Iso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>S3's <c>*Bytes</c> elements: each UTF-8 byte as two hex digits, space separated.</summary>
    private static string? HexBytes(string? text) =>
        text is null ? null : string.Join(' ', Encoding.UTF8.GetBytes(text).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
