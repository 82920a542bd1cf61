namespace Doqutore.Aws.Signing;

/// <summary>
/// Where the verifier finds the secret of an access key. The identity plane implements it over IAM access keys
/// and STS sessions; until then the emulator registers <c>test</c>/<c>test</c> as the account root.
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>The key for an access key id, or null when no such key exists (or it is inactive).</summary>
    SigningKey? Find(string accessKeyId);
}

/// <summary>A secret access key and what comes with it.</summary>
/// <param name="SecretAccessKey">The secret the client signs with.</param>
/// <param name="SessionToken">For temporary credentials: the token the request must carry.</param>
/// <param name="Expiration">For temporary credentials: when they stop working.</param>
/// <param name="Principal">Whatever the identity plane wants back on an authenticated request (opaque here).</param>
public sealed record SigningKey(string SecretAccessKey, string? SessionToken = null, DateTimeOffset? Expiration = null, object? Principal = null);

/// <summary>A fixed set of keys: the emulator's default account root, and tests.</summary>
public sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);

    public InMemorySigningKeyStore Add(string accessKeyId, SigningKey key)
    {
        _keys[accessKeyId] = key;
        return this;
    }

    public SigningKey? Find(string accessKeyId) => _keys.GetValueOrDefault(accessKeyId);
}
