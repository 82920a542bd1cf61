using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Gateway;

// TEMPORARY (not for commit): replaced by the SigV4 verifier when the signing branch merges.
public sealed class SigV4Authenticator(IOptions<EmulatorOptions> options) : IRequestAuthenticator
{
    public Principal Authenticate(RequestContext context, CredentialScope? scope)
    {
        if (scope is null)
        {
            throw new AwsServiceException("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
        }

        return scope.AccessKeyId == options.Value.RootAccessKeyId
            ? Principal.Root(options.Value.AccountId, scope.AccessKeyId)
            : throw new AwsServiceException("InvalidClientTokenId", "The security token included in the request is invalid.", 403);
    }
}
