using Doqutore.Aws.Signing;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// The signing keys while the account root is the only principal: its configured key pair. The identity
/// plane replaces this store with IAM users' access keys and STS sessions.
/// </summary>
public sealed class RootSigningKeys(IOptions<EmulatorOptions> options) : ISigningKeyStore
{
    private readonly SigningKey _root = new(
        options.Value.RootSecretAccessKey,
        Principal: Principal.Root(options.Value.AccountId, options.Value.RootAccessKeyId));

    public SigningKey? Find(string accessKeyId) =>
        string.Equals(accessKeyId, options.Value.RootAccessKeyId, StringComparison.Ordinal) ? _root : null;
}
