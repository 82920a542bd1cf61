using Doqutore.Aws.Signing;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Gateway;

/// <summary>The account root's configured key pair (<c>test</c>/<c>test</c> by default).</summary>
public sealed class RootSigningKeys(IOptions<EmulatorOptions> options) : ICredentialSource
{
    private readonly SigningKey _root = new(
        options.Value.RootSecretAccessKey,
        Principal: Principal.Root(options.Value.AccountId, options.Value.RootAccessKeyId));

    public SigningKey? Find(string accessKeyId) =>
        string.Equals(accessKeyId, options.Value.RootAccessKeyId, StringComparison.Ordinal) ? _root : null;
}
