using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Roles' trust policies, the resource policies of <c>sts:AssumeRole</c> and its companions.</summary>
public sealed class RoleTrustPolicies(IIamIdentityLookup iam) : IResourcePolicySource
{
    private static readonly HashSet<string> TrustActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "sts:AssumeRole",
        "sts:TagSession",
        "sts:SetSourceIdentity",
    };

    public ResourcePolicy? Find(string accountId, string action, string resourceArn)
    {
        const string Marker = ":role/";
        var at = resourceArn.IndexOf(Marker, StringComparison.Ordinal);
        if (!TrustActions.Contains(action) || at < 0)
        {
            return null;
        }

        var roleName = resourceArn[(resourceArn.LastIndexOf('/') + 1)..];
        return iam.FindRole(accountId, roleName) is { } role && string.Equals(role.Arn, resourceArn, StringComparison.Ordinal)
            ? new ResourcePolicy(role.TrustPolicy, IsRoleTrust: true)
            : null;
    }
}
