using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Signing;

/// <summary>What <see cref="SigV4Verifier"/> concluded about a request.</summary>
public enum SigV4Status
{
    /// <summary>No Authorization header and no presigned query: the gateway decides whether that is allowed.</summary>
    Anonymous,

    /// <summary>A valid signature by a known key.</summary>
    Authenticated,

    /// <summary>Refused; see <see cref="SigV4Result.Failure"/>.</summary>
    Failed,
}

/// <summary>
/// The outcome of verifying one request. On success it names the signer (access key, principal, session
/// token) and the credential scope; on failure it carries a <see cref="SigV4Failure"/> that
/// <see cref="AuthErrors"/> turns into the error AWS would send.
/// </summary>
public sealed record SigV4Result
{
    public SigV4Status Status { get; init; }

    public bool IsAuthenticated => Status == SigV4Status.Authenticated;

    public SigV4Failure? Failure { get; init; }

    public string? AccessKeyId { get; init; }

    /// <summary>The region of the credential scope.</summary>
    public string? Region { get; init; }

    /// <summary>The service (signing name) of the credential scope.</summary>
    public string? Service { get; init; }

    public bool Presigned { get; init; }

    /// <summary>
    /// The <see cref="SigningKey.Principal"/> of the key that signed; on a failure after the key was found (a bad
    /// signature, an expired token) the key's owner, so that the failed attempt can be attributed in CloudTrail.
    /// </summary>
    public object? Principal { get; init; }

    /// <summary>The session token the request carried (validated against the key), or null.</summary>
    public string? SessionToken { get; init; }

    /// <summary>The signed header names, lowercase, as the request listed them.</summary>
    public IReadOnlyList<string> SignedHeaders { get; init; } = [];

    /// <summary>The request's signature: the seed of an aws-chunked body.</summary>
    public string? Signature { get; init; }

    /// <summary>The payload hash that was signed (hex, or a token such as UNSIGNED-PAYLOAD).</summary>
    public string? PayloadHash { get; init; }

    /// <summary>The request time from X-Amz-Date or Date.</summary>
    public DateTimeOffset? RequestTime { get; init; }

    /// <summary>
    /// For a signed aws-chunked body (<c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]</c>): what the chunk
    /// signatures chain from. Null otherwise.
    /// </summary>
    public ChunkSigningContext? ChunkSigning { get; init; }

    /// <summary>
    /// For an S3-style hex payload hash on a body still to be streamed (<c>BodyStream</c>): the hash the body
    /// must have; wrap the stream in <see cref="PayloadHashVerifyingStream"/>. Null when already checked.
    /// </summary>
    public string? PendingPayloadHash { get; init; }

    /// <summary>The AWS error for this failure in the protocol of the target service.</summary>
    public AwsServiceException ToException(Protocol protocol) =>
        Failure is null
            ? throw new InvalidOperationException($"The request is {Status}, not failed.")
            : AuthErrors.Create(Failure, AuthErrors.FamilyOf(protocol));

    internal static SigV4Result Fail(SigV4Failure failure) => new() { Status = SigV4Status.Failed, Failure = failure };
}

/// <summary>The facts an aws-chunked body's signatures are computed from.</summary>
/// <param name="SigningKey">The derived SigV4 key of the request.</param>
/// <param name="Timestamp">X-Amz-Date, <c>yyyyMMddTHHmmssZ</c>.</param>
/// <param name="Scope"><c>date/region/service/aws4_request</c>.</param>
/// <param name="SeedSignature">The request's own signature, which the first chunk chains from.</param>
public sealed record ChunkSigningContext(byte[] SigningKey, string Timestamp, string Scope, string SeedSignature);
