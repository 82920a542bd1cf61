using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Functions' resource policies (AddPermission) as the resource policies of <c>lambda:*</c> actions on function
/// ARNs: for gateway calls from other accounts and for services invoking through <see cref="Delivery.IFunctionInvoker"/>.
/// </summary>
internal sealed class LambdaFunctionPolicies(LambdaStore store) : IResourcePolicySource
{
    public ResourcePolicy? Find(string accountId, string action, string resourceArn)
    {
        if (!action.StartsWith("lambda:", StringComparison.OrdinalIgnoreCase) || FunctionNames.Parse(resourceArn) is not { Account: { } account, Region: { } region } parsed)
        {
            return null;
        }

        return store.Find(account, region, parsed.Name)?.PolicyDocument() is { } document ? new ResourcePolicy(document, IsRoleTrust: false) : null;
    }
}
