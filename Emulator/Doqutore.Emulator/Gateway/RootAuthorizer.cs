using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// Authorization while the account root is the only principal: root may do everything (as in AWS without
/// SCPs); anonymous callers are denied. The identity plane replaces this with IAM policy evaluation.
/// </summary>
public sealed class RootAuthorizer : IRequestAuthorizer
{
    public void Authorize(RequestContext context)
    {
        if (context.Principal.Type == PrincipalType.Root || context.Operation!.AuthType == "none")
        {
            return;
        }

        // S3 answers its own terse text; the other protocols name the principal and action (IAM User Guide).
        var action = $"{context.Service!.Metadata.SigningName}:{context.Operation.Name}";
        throw context.Service.Protocol == Protocol.RestXml
            ? new AwsServiceException("AccessDenied", "Access Denied", 403)
            : new AwsServiceException("AccessDenied", $"User: {context.Principal.Arn} is not authorized to perform: {action}", 403);
    }
}
