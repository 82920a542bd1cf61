using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.Iam;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// A function's execution role as Lambda uses it: its trust policy must let <c>lambda.amazonaws.com</c> assume it
/// (checked on CreateFunction and UpdateFunctionConfiguration), and its identity policies decide what Lambda may do
/// with it for the function (send to the dead-letter queue and destinations), as a session of the role would.
/// </summary>
internal sealed class ExecutionRole(IIamIdentityLookup iam, IServicePrincipalAuthorizer servicePrincipals, PolicyCache policies, IOptions<EmulatorOptions> options)
{
    public const string LambdaPrincipal = "lambda.amazonaws.com";

    /// <summary>The role named by <paramref name="roleArn"/> in the function's account, or null.</summary>
    public IamRoleRecord? Find(string accountId, string roleArn)
    {
        var name = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return iam.FindRole(accountId, name) is { } role && role.Arn == roleArn ? role : null;
    }

    /// <summary>True when the role exists and its trust policy lets Lambda assume it for <paramref name="functionArn"/>.</summary>
    public bool LambdaMayAssume(string accountId, string roleArn, string functionArn) =>
        Find(accountId, roleArn) is not null
        && servicePrincipals.IsAllowed(new ServiceCaller(LambdaPrincipal, functionArn, accountId), "sts:AssumeRole", roleArn);

    /// <summary>True when a session of the role (named after the function) may perform <paramref name="action"/> on <paramref name="resourceArn"/>.</summary>
    public bool Permits(string accountId, string roleArn, string sessionName, string action, string resourceArn)
    {
        if (options.Value.Authorization != AuthorizationMode.Enforce)
        {
            return true;
        }

        if (Find(accountId, roleArn) is not { } role || iam.RolePolicies(accountId, role.RoleName) is not { } identity)
        {
            return false;
        }

        var path = role.Arn[(role.Arn.IndexOf(":role", StringComparison.Ordinal) + 5)..^role.RoleName.Length];
        var principal = RequestPrincipal.RoleSession(accountId, role.RoleName, role.RoleId, sessionName, path);
        var request = new AuthorizationRequest(principal, action, resourceArn)
        {
            IdentityPolicies = identity.Policies.Select(p => policies.Get(p.Document)).ToArray(),
            PermissionsBoundary = identity.PermissionsBoundary is { } boundary ? policies.Get(boundary) : null,
        };
        return PolicyEvaluator.Evaluate(request).IsAllowed;
    }
}
