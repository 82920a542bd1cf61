using Doqutore.Aws.Signing;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// IAM users' access keys as signing keys. Inactive and deleted keys are unknown here, so their requests
/// fail authentication with each protocol's unknown-key error (<c>InvalidClientTokenId</c> on query).
/// </summary>
public sealed class IamCredentialSource(IIamIdentityLookup iam) : ICredentialSource
{
    public SigningKey? Find(string accessKeyId) =>
        iam.FindAccessKey(accessKeyId) is { Active: true } key
            ? new SigningKey(key.SecretAccessKey, Principal: new Principal(PrincipalType.IAMUser, key.AccountId, key.UserArn, key.UserId, key.AccessKeyId))
            : null;
}
