namespace Doqutore.Emulator.Authorization;

/// <summary>
/// The text of an authorization failure as AWS words it (reference §4.1):
/// <c>User: ARN is not authorized to perform: ACTION on resource: ARN because no identity-based policy allows the ACTION action</c>,
/// or <c>… with an explicit deny in an identity-based policy</c>, and the other policy types' variants.
/// </summary>
public static class AccessDeniedMessage
{
    /// <summary>The message for a denied result; <paramref name="resource"/> null or <c>*</c> omits the "on resource" part.</summary>
    public static string For(string principalArn, string action, string? resource, Decision decision, PolicyType decidedBy)
    {
        if (decision == Decision.Allow)
        {
            throw new ArgumentException("An allowed request has no access-denied message.", nameof(decision));
        }

        var head = resource is null or "*"
            ? $"User: {principalArn} is not authorized to perform: {action}"
            : $"User: {principalArn} is not authorized to perform: {action} on resource: {resource}";
        return decision == Decision.ExplicitDeny
            ? $"{head} with an explicit deny in {ExplicitPhrase(decidedBy)}"
            : $"{head} because no {ImplicitPhrase(decidedBy)} allows the {action} action";
    }

    /// <summary>The message for an evaluation result of a request.</summary>
    public static string For(AuthorizationRequest request, AuthorizationResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        return For(request.Principal.Arn, request.Action, result.Resource, result.Decision, result.DecidedBy);
    }

    private static string ExplicitPhrase(PolicyType type) => type switch
    {
        PolicyType.ResourceBased => "a resource-based policy",
        PolicyType.PermissionsBoundary => "a permissions boundary",
        // AWS's own wording ("sessions"), per the IAM User Guide's access-denied page.
        PolicyType.SessionPolicy => "a sessions policy",
        PolicyType.RoleTrustPolicy => "the role trust policy",
        _ => "an identity-based policy",
    };

    private static string ImplicitPhrase(PolicyType type) => type switch
    {
        PolicyType.ResourceBased => "resource-based policy",
        PolicyType.PermissionsBoundary => "permissions boundary",
        PolicyType.SessionPolicy => "session policy",
        PolicyType.RoleTrustPolicy => "role trust policy",
        _ => "identity-based policy",
    };
}
