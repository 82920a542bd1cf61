namespace Doqutore.Aws.Signing;

/// <summary>The names and limits of AWS Signature Version 4.</summary>
public static class SigV4Constants
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string DateFormat = "yyyyMMdd";

    public const string AmzDateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";
    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string DecodedContentLengthHeader = "x-amz-decoded-content-length";
    public const string TrailerHeader = "x-amz-trailer";

    public const string AlgorithmParameter = "X-Amz-Algorithm";
    public const string CredentialParameter = "X-Amz-Credential";
    public const string DateParameter = "X-Amz-Date";
    public const string ExpiresParameter = "X-Amz-Expires";
    public const string SignedHeadersParameter = "X-Amz-SignedHeaders";
    public const string SignatureParameter = "X-Amz-Signature";
    public const string SecurityTokenParameter = "X-Amz-Security-Token";
    public const string ContentSha256Parameter = "X-Amz-Content-Sha256";

    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>SHA-256 of the empty string, hex.</summary>
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>How far a header-signed request's time may be from the server clock.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>The longest <c>X-Amz-Expires</c> AWS accepts: seven days.</summary>
    public const long MaxPresignedExpirySeconds = 604800;

    /// <summary>The payload-hash tokens that stand for something other than a hex SHA-256.</summary>
    public static bool IsPayloadToken(string value) => value is UnsignedPayload or StreamingSignedPayload
        or StreamingSignedPayloadTrailer or StreamingUnsignedPayloadTrailer;
}
