using System.Collections.Concurrent;
using System.Security.Cryptography;
using Doqutore.Aws.Signing;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sts;

/// <summary>
/// Temporary credentials STS has issued: an <c>ASIA…</c> key id, secret, session token and expiry, bound to
/// the principal they act as. The authenticator finds them here; after expiry SigV4 verification answers
/// each protocol's expired-token error.
/// </summary>
public sealed class StsSessions(TimeProvider clock) : ICredentialSource, IResettable
{
    private readonly ConcurrentDictionary<string, SigningKey> _sessions = new(StringComparer.Ordinal);

    /// <summary>Issues credentials acting as <paramref name="principal"/> for <paramref name="duration"/>.</summary>
    public Credentials Issue(Principal principal, TimeSpan duration)
    {
        var issued = clock.GetUtcNow();
        var keyId = AccessKeyIds.New(AccessKeyIds.TemporaryPrefix, principal.AccountId);
        var credentials = new Credentials(
            keyId,
            AccessKeyIds.NewSecret(),
            // Real session tokens are long opaque base64; clients only pass them back.
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(192)),
            new DateTimeOffset(issued.Year, issued.Month, issued.Day, issued.Hour, issued.Minute, issued.Second, TimeSpan.Zero) + duration);
        _sessions[keyId] = new SigningKey(
            credentials.SecretAccessKey,
            credentials.SessionToken,
            credentials.Expiration,
            principal with { AccessKeyId = keyId, TokenIssueTime = issued });
        return credentials;
    }

    public SigningKey? Find(string accessKeyId) => _sessions.GetValueOrDefault(accessKeyId);

    public void Reset() => _sessions.Clear();

    /// <summary>Temporary credentials as STS returns them.</summary>
    public sealed record Credentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration);
}
