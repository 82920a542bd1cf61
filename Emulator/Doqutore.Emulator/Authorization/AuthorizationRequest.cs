namespace Doqutore.Emulator.Authorization;

/// <summary>
/// One authorization question: may <see cref="Principal"/> perform <see cref="Action"/> on
/// <see cref="Resources"/>, given the policies that apply? Policies are compiled documents (see
/// <see cref="PolicyDocument"/>; <see cref="PolicyCache"/> keeps them compiled across requests).
/// </summary>
public sealed class AuthorizationRequest
{
    public AuthorizationRequest(RequestPrincipal principal, string action, params string[] resources)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrEmpty(action);
        Principal = principal;
        Action = action;
        Resources = resources is { Length: > 0 } ? resources : ["*"];
    }

    public RequestPrincipal Principal { get; }

    /// <summary>The IAM action, <c>service:Operation</c> (matched case-insensitively).</summary>
    public string Action { get; }

    /// <summary>The resource ARNs the action touches; <c>*</c> for actions without resource-level permissions. Each must be allowed.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>The request's condition keys beyond those the principal supplies.</summary>
    public RequestContextKeys Context { get; init; } = RequestContextKeys.Empty;

    /// <summary>Every identity-based policy of the principal: inline and attached, the user's groups' too.</summary>
    public IReadOnlyList<PolicyDocument> IdentityPolicies { get; init; } = [];

    /// <summary>The permissions boundary, if one is set.</summary>
    public PolicyDocument? PermissionsBoundary { get; init; }

    /// <summary>Session policies passed when the session was created (inline and managed); null or empty when none were passed.</summary>
    public IReadOnlyList<PolicyDocument>? SessionPolicies { get; init; }

    /// <summary>The resource-based policy of the resource (bucket, queue, topic, function, role trust policy), if any.</summary>
    public PolicyDocument? ResourcePolicy { get; init; }

    /// <summary>
    /// True when <see cref="ResourcePolicy"/> is a role trust policy (<c>sts:AssumeRole*</c>): it must then
    /// explicitly allow, and its denials are worded "the role trust policy".
    /// </summary>
    public bool ResourcePolicyIsRoleTrust { get; init; }
}
