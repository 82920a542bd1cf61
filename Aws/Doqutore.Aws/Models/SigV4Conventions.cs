namespace Doqutore.Aws.Models;

/// <summary>
/// The per-service choices of SigV4 that the spec leaves open. Looked up through
/// <see cref="ServiceQuirks.SigV4ConventionsFor"/>; the signing code never tests a service name.
/// </summary>
/// <param name="NormalizePath">Remove dot segments and duplicate slashes before signing the path.</param>
/// <param name="DoubleEncodePath">
/// Encode the path as sent on the wire once more (every service but S3). When false, the path is decoded
/// and encoded once (slashes kept), so the canonical path is the once-encoded object key.
/// </param>
/// <param name="TrustDeclaredPayloadHash">
/// Sign the hex <c>x-amz-content-sha256</c> as declared and report a body that does not match it as its own
/// error (<c>XAmzContentSHA256Mismatch</c>). When false the body's own hash is signed, so a wrong declaration
/// surfaces as a signature mismatch.
/// </param>
/// <param name="RequiresContentSha256Header">Header-signed requests must carry <c>x-amz-content-sha256</c>.</param>
/// <param name="PresignedPayloadIsUnsigned">Presigned URLs sign <c>UNSIGNED-PAYLOAD</c> instead of the body hash.</param>
public sealed record SigV4Conventions(
    bool NormalizePath,
    bool DoubleEncodePath,
    bool TrustDeclaredPayloadHash,
    bool RequiresContentSha256Header,
    bool PresignedPayloadIsUnsigned)
{
    /// <summary>The AWS spec as every service but S3 applies it.</summary>
    public static SigV4Conventions Default { get; } = new(
        NormalizePath: true,
        DoubleEncodePath: true,
        TrustDeclaredPayloadHash: false,
        RequiresContentSha256Header: false,
        PresignedPayloadIsUnsigned: false);

    /// <summary>S3 and its relatives.</summary>
    public static SigV4Conventions S3 { get; } = new(
        NormalizePath: false,
        DoubleEncodePath: false,
        TrustDeclaredPayloadHash: true,
        RequiresContentSha256Header: true,
        PresignedPayloadIsUnsigned: true);
}
