// Verifies AWS Signature Version 4 on an incoming request, in the order AWS appears to check:
//   1. parse the Authorization header or the presigned query (absent both: anonymous, not an error);
//   2. the credential scope (terminator, date) and the signed headers (host must be signed);
//   3. time: header-signed requests within 15 minutes of the server clock; presigned ones not past
//      X-Amz-Date + X-Amz-Expires (and not dated more than 15 minutes ahead);
//   4. the access key, through ISigningKeyStore; the session token of temporary credentials;
//   5. the payload hash to sign (x-amz-content-sha256, or the buffered body's SHA-256);
//   6. the signature, compared in fixed time; a presigned URL whose token was appended after signing is
//      tried again without it;
//   7. S3-style services: the declared hex payload hash against the buffered body.
// The per-service choices (path normalization, double encoding, payload rules) come from
// ServiceQuirks.SigV4ConventionsFor(scope service), never from a test on a service name here.
using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>Verifies SigV4 signatures (header and presigned forms) against an <see cref="ISigningKeyStore"/>.</summary>
public sealed class SigV4Verifier
{
    private readonly ISigningKeyStore _keys;
    private readonly TimeProvider _clock;
    private readonly Func<string, SigV4Conventions> _conventions;
    private readonly SigningKeyCache _signingKeys = new();

    /// <param name="keys">Where access keys are looked up.</param>
    /// <param name="clock">The server clock (defaults to the system clock).</param>
    /// <param name="conventions">Per signing name; defaults to <see cref="ServiceQuirks.SigV4ConventionsFor"/>.</param>
    public SigV4Verifier(ISigningKeyStore keys, TimeProvider? clock = null, Func<string, SigV4Conventions>? conventions = null)
    {
        _keys = keys;
        _clock = clock ?? TimeProvider.System;
        _conventions = conventions ?? ServiceQuirks.SigV4ConventionsFor;
    }

    /// <summary>Verifies a request at the injected clock's current time.</summary>
    public SigV4Result Verify(WireRequest request) => Verify(request, _clock.GetUtcNow());

    /// <summary>Verifies a request as if the server clock read <paramref name="now"/>.</summary>
    public SigV4Result Verify(WireRequest request, DateTimeOffset now)
    {
        var (parsed, failure) = SigV4RequestParser.Parse(request);
        if (failure is not null)
        {
            return SigV4Result.Fail(failure with { ServerTime = now });
        }

        if (parsed is null)
        {
            return new SigV4Result { Status = SigV4Status.Anonymous };
        }

        var conventions = _conventions(parsed.Service);
        return CheckTime(parsed, now)
            ?? Authenticate(request, parsed, conventions, now);
    }

    private static SigV4Result? CheckTime(ParsedSignature parsed, DateTimeOffset now)
    {
        SigV4Failure Failure(SigV4FailureKind kind) => new(kind)
        {
            Presigned = parsed.Presigned,
            AccessKeyId = parsed.AccessKeyId,
            Authorization = parsed.Authorization,
            RequestTime = parsed.RequestTime,
            ServerTime = now,
            ExpiresSeconds = parsed.ExpiresSeconds,
        };

        if (parsed.RequestTime > now + SigV4Constants.AllowedClockSkew)
        {
            return SigV4Result.Fail(Failure(SigV4FailureKind.RequestNotYetValid));
        }

        if (parsed.Presigned)
        {
            return now > parsed.RequestTime.AddSeconds(parsed.ExpiresSeconds ?? 0)
                ? SigV4Result.Fail(Failure(SigV4FailureKind.PresignedExpired))
                : null;
        }

        return parsed.RequestTime < now - SigV4Constants.AllowedClockSkew
            ? SigV4Result.Fail(Failure(SigV4FailureKind.RequestTooOld))
            : null;
    }

    private SigV4Result Authenticate(WireRequest request, ParsedSignature parsed, SigV4Conventions conventions, DateTimeOffset now)
    {
        SigV4Failure Failure(SigV4FailureKind kind) => new(kind)
        {
            Presigned = parsed.Presigned,
            AccessKeyId = parsed.AccessKeyId,
            Authorization = parsed.Authorization,
            RequestTime = parsed.RequestTime,
            ServerTime = now,
        };

        var key = _keys.Find(parsed.AccessKeyId);
        if (key is null)
        {
            return SigV4Result.Fail(Failure(SigV4FailureKind.UnknownAccessKey));
        }

        if (key.SessionToken is not null && string.IsNullOrEmpty(parsed.SessionToken))
        {
            return SigV4Result.Fail(Failure(SigV4FailureKind.SessionTokenMissing)) with { Principal = key.Principal };
        }

        if (parsed.SessionToken is not null && !SigV4Crypto.FixedTimeEquals(parsed.SessionToken, key.SessionToken))
        {
            return SigV4Result.Fail(Failure(SigV4FailureKind.SessionTokenInvalid)) with { Principal = key.Principal };
        }

        if (key.Expiration is { } expiration && expiration <= now)
        {
            return SigV4Result.Fail(Failure(SigV4FailureKind.SessionTokenExpired)) with { Principal = key.Principal };
        }

        var (payloadHash, pendingHash, payloadFailure) = PayloadHash(request, parsed, conventions);
        if (payloadFailure is not null)
        {
            return SigV4Result.Fail(payloadFailure with
            {
                Presigned = parsed.Presigned,
                AccessKeyId = parsed.AccessKeyId,
                Authorization = parsed.Authorization,
                ServerTime = now,
            }) with { Principal = key.Principal };
        }

        var signingKey = _signingKeys.Get(key.SecretAccessKey, parsed.ScopeDate, parsed.Region, parsed.Service);
        var (matches, canonicalRequest, stringToSign) = Check(request, parsed, conventions, payloadHash, signingKey, ExcludeSignature);
        if (!matches && parsed.Presigned && parsed.SessionToken is not null)
        {
            // Some clients append the session token to a presigned URL after signing it.
            (matches, _, _) = Check(request, parsed, conventions, payloadHash, signingKey, ExcludeSignatureAndToken);
        }

        if (!matches)
        {
            return SigV4Result.Fail(Failure(SigV4FailureKind.SignatureMismatch) with
            {
                CanonicalRequest = canonicalRequest,
                StringToSign = stringToSign,
                SignatureProvided = parsed.Signature,
            }) with { Principal = key.Principal };
        }

        if (conventions.TrustDeclaredPayloadHash && pendingHash is not null && request.BodyStream is null)
        {
            var actual = SigV4Crypto.Sha256Hex(request.Body.Span);
            if (!string.Equals(actual, pendingHash, StringComparison.OrdinalIgnoreCase))
            {
                return SigV4Result.Fail(Failure(SigV4FailureKind.ContentSha256Mismatch) with
                {
                    ClientPayloadHash = pendingHash,
                    ServerPayloadHash = actual,
                }) with { Principal = key.Principal };
            }

            pendingHash = null;
        }

        var chunked = payloadHash is SigV4Constants.StreamingSignedPayload or SigV4Constants.StreamingSignedPayloadTrailer;
        return new SigV4Result
        {
            Status = SigV4Status.Authenticated,
            AccessKeyId = parsed.AccessKeyId,
            Region = parsed.Region,
            Service = parsed.Service,
            Presigned = parsed.Presigned,
            Principal = key.Principal,
            SessionToken = parsed.SessionToken,
            SignedHeaders = parsed.SignedHeaders,
            Signature = parsed.Signature,
            PayloadHash = payloadHash,
            RequestTime = parsed.RequestTime,
            PendingPayloadHash = pendingHash,
            ChunkSigning = chunked ? new ChunkSigningContext(signingKey, parsed.Timestamp, parsed.Scope, parsed.Signature) : null,
        };
    }

    private static bool ExcludeSignature(string name) => name == SigV4Constants.SignatureParameter;

    private static bool ExcludeSignatureAndToken(string name) =>
        name is SigV4Constants.SignatureParameter or SigV4Constants.SecurityTokenParameter;

    private static (bool Matches, string CanonicalRequest, string StringToSign) Check(
        WireRequest request,
        ParsedSignature parsed,
        SigV4Conventions conventions,
        string payloadHash,
        byte[] signingKey,
        Func<string, bool> excludeQuery)
    {
        var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(
            request, parsed.SignedHeaders, payloadHash, conventions, parsed.Presigned ? excludeQuery : null);
        var stringToSign = SigV4Canonicalizer.StringToSign(parsed.Timestamp, parsed.Scope, canonicalRequest);
        var expected = SigV4Crypto.HmacHex(signingKey, stringToSign);
        return (SigV4Crypto.FixedTimeEquals(expected, parsed.Signature), canonicalRequest, stringToSign);
    }

    /// <summary>
    /// The payload hash to put in the canonical request, and a declared hex hash still to be compared with the
    /// body (S3-style services).
    /// </summary>
    private static (string Hash, string? Pending, SigV4Failure? Failure) PayloadHash(WireRequest request, ParsedSignature parsed, SigV4Conventions conventions)
    {
        var declared = request.Headers[SigV4Constants.ContentSha256Header]?.Trim();
        if (declared is null && parsed.Presigned)
        {
            declared = request.QueryLookup[SigV4Constants.ContentSha256Parameter].FirstOrDefault()
                ?? (conventions.PresignedPayloadIsUnsigned ? SigV4Constants.UnsignedPayload : null);
        }

        if (declared is null)
        {
            if (conventions.RequiresContentSha256Header)
            {
                return (string.Empty, null, new SigV4Failure(SigV4FailureKind.MissingContentSha256));
            }

            return (BodyHash(request), null, null);
        }

        if (SigV4Constants.IsPayloadToken(declared))
        {
            return (declared, null, null);
        }

        if (!SigV4Crypto.IsLowerOrUpperHex64(declared))
        {
            return conventions.TrustDeclaredPayloadHash
                ? (string.Empty, null, new SigV4Failure(SigV4FailureKind.InvalidContentSha256) { ClientPayloadHash = declared })
                : (BodyHash(request), null, null);
        }

        if (conventions.TrustDeclaredPayloadHash)
        {
            return (declared, declared, null);
        }

        // Other services hash the body themselves: a false declaration shows as a signature mismatch.
        return (request.BodyStream is null ? BodyHash(request) : declared, null, null);
    }

    private static string BodyHash(WireRequest request)
    {
        if (request.BodyStream is { CanSeek: true } stream)
        {
            var position = stream.Position;
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(stream);
            stream.Position = position;
            return Convert.ToHexStringLower(hash);
        }

        return SigV4Crypto.Sha256Hex(request.Body.Span);
    }
}
