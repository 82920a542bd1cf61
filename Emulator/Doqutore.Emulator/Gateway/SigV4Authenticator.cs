using Doqutore.Aws.Models;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// Step 2: verifies the request's SigV4 signature (header or presigned form) against the signing-key store
/// and returns the key's principal. Streaming S3 bodies are wrapped so that chunk signatures and payload
/// hashes are checked as the provider reads them.
/// </summary>
public sealed class SigV4Authenticator(ISigningKeyStore keys, TimeProvider clock) : IRequestAuthenticator
{
    private readonly SigV4Verifier _verifier = new(keys, clock);

    public Principal Authenticate(RequestContext context, CredentialScope? scope)
    {
        var request = context.Request;
        var family = AuthErrors.FamilyOf(context.Service!.Protocol);
        var result = _verifier.Verify(AsSigned(request, context.SignedRawPath));
        switch (result.Status)
        {
            case SigV4Status.Failed:
                context.ClaimedPrincipal = result.Principal as Principal;
                throw result.ToException(context.Service.Protocol);
            case SigV4Status.Anonymous when AnonymousMayCall(context):
                return Principal.Anonymous(DefaultAccount(context));
            case SigV4Status.Anonymous:
                throw AuthErrors.MissingAuthentication(family);
        }

        if (AwsChunkedStream.For(request, result, family) is { } chunked)
        {
            if (request.BodyStream is null)
            {
                // A buffered operation sent aws-chunked: decode it now, so the codec reads the plain body.
                using var decoded = new MemoryStream();
                chunked.CopyTo(decoded);
                request.Body = decoded.ToArray();
            }
            else
            {
                request.BodyStream = chunked;
            }
        }
        else if (request.BodyStream is not null && result.PendingPayloadHash is { } hash)
        {
            request.BodyStream = new PayloadHashVerifyingStream(request.BodyStream, hash, family);
        }

        return result.Principal as Principal
            ?? throw new InvalidOperationException($"The signing key of {result.AccessKeyId} has no principal.");
    }

    /// <summary>Unsigned operations (<c>authtype: none</c>, e.g. Cognito InitiateAuth) and services whose resource policies may admit anyone (S3).</summary>
    private static bool AnonymousMayCall(RequestContext context) =>
        context.Operation?.AuthType == "none" || ServiceQuirks.AnonymousCallersAllowed.Contains(context.Service!.Metadata.SigningName);

    private static string DefaultAccount(RequestContext context) => context.Principal.AccountId;

    /// <summary>The request as the caller signed it: before an S3 virtual host moved the bucket into the path.</summary>
    private static WireRequest AsSigned(WireRequest request, string signedPath)
    {
        if (request.RawPath == signedPath)
        {
            return request;
        }

        var signed = new WireRequest
        {
            Method = request.Method,
            Host = request.Host,
            Scheme = request.Scheme,
            RawPath = signedPath,
            RawQuery = request.RawQuery,
            Body = request.Body,
            BodyStream = request.BodyStream,
        };
        foreach (var (name, value) in request.Headers)
        {
            signed.Headers.Add(name, value);
        }

        return signed;
    }
}
