namespace Doqutore.Aws.Signing;

/// <summary>Why a SigV4 request (or an aws-chunked body) was refused; <see cref="AuthErrors"/> maps each to AWS's error per protocol.</summary>
public enum SigV4FailureKind
{
    /// <summary>No authentication at all where the service requires it (the verifier itself reports anonymous, not this).</summary>
    MissingAuthentication,

    /// <summary>The Authorization header lacks a part or has a malformed Credential.</summary>
    MalformedAuthorization,

    /// <summary>A presigned query lacks a parameter or has a malformed one.</summary>
    MalformedPresignedQuery,

    /// <summary>An algorithm other than AWS4-HMAC-SHA256 (SigV2, SigV4a).</summary>
    UnsupportedAlgorithm,

    /// <summary>Both an Authorization header and presigned query parameters.</summary>
    ConflictingAuthentication,

    /// <summary>Neither X-Amz-Date nor Date, or an unparsable one.</summary>
    MissingDate,

    /// <summary>The credential scope's date is not the request date.</summary>
    CredentialScopeDateMismatch,

    /// <summary>The credential scope does not end in <c>aws4_request</c>.</summary>
    InvalidCredentialTerminator,

    /// <summary><c>host</c> is not among the signed headers.</summary>
    HostNotSigned,

    UnknownAccessKey,

    /// <summary>Temporary credentials used without their session token.</summary>
    SessionTokenMissing,

    /// <summary>A session token that does not belong to the access key.</summary>
    SessionTokenInvalid,

    /// <summary>Temporary credentials past their expiration.</summary>
    SessionTokenExpired,

    /// <summary>A header-signed request more than 15 minutes older than the server clock.</summary>
    RequestTooOld,

    /// <summary>A request dated more than 15 minutes after the server clock.</summary>
    RequestNotYetValid,

    /// <summary>A presigned URL used after X-Amz-Date + X-Amz-Expires.</summary>
    PresignedExpired,

    /// <summary>X-Amz-Expires above 604800 seconds.</summary>
    PresignedExpiryTooLong,

    /// <summary><c>x-amz-content-sha256</c> is neither a hex SHA-256 nor a known token.</summary>
    InvalidContentSha256,

    /// <summary>S3 requires <c>x-amz-content-sha256</c> on header-signed requests.</summary>
    MissingContentSha256,

    SignatureMismatch,

    /// <summary>The body's SHA-256 is not the declared <c>x-amz-content-sha256</c>.</summary>
    ContentSha256Mismatch,

    /// <summary>An aws-chunked chunk (or trailer) whose signature does not chain from the seed.</summary>
    ChunkSignatureMismatch,

    /// <summary>An aws-chunked body that does not follow the chunk grammar or ends early.</summary>
    MalformedChunk,

    /// <summary>The decoded aws-chunked body is not <c>x-amz-decoded-content-length</c> bytes long.</summary>
    DecodedLengthMismatch,
}
