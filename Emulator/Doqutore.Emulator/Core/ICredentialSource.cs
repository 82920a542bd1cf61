using Doqutore.Aws.Signing;

namespace Doqutore.Emulator.Core;

/// <summary>
/// One source of signing keys: the account root, IAM users' access keys, STS sessions. The gateway's
/// <see cref="ISigningKeyStore"/> asks each in turn.
/// </summary>
public interface ICredentialSource
{
    /// <summary>The key and its principal, or null when this source does not know the key id.</summary>
    SigningKey? Find(string accessKeyId);
}

/// <summary>The gateway's signing-key store: the first source that knows a key id answers.</summary>
public sealed class CredentialSources(IEnumerable<ICredentialSource> sources) : ISigningKeyStore
{
    private readonly ICredentialSource[] _sources = sources.ToArray();

    public SigningKey? Find(string accessKeyId)
    {
        foreach (var source in _sources)
        {
            if (source.Find(accessKeyId) is { } key)
            {
                return key;
            }
        }

        return null;
    }
}
