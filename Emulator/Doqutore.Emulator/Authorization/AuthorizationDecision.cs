namespace Doqutore.Emulator.Authorization;

/// <summary>The outcome of policy evaluation.</summary>
public enum Decision
{
    Allow,

    /// <summary>Nothing allows the request (or a required policy type does not).</summary>
    ImplicitDeny,

    /// <summary>A statement with <c>"Effect": "Deny"</c> matched.</summary>
    ExplicitDeny,
}

/// <summary>The kind of policy that decided: the errors name it.</summary>
public enum PolicyType
{
    /// <summary>No policy decided (the root user's default allow).</summary>
    None,
    IdentityBased,
    ResourceBased,
    PermissionsBoundary,
    SessionPolicy,
    RoleTrustPolicy,
}

/// <summary>A decision, the policy type that made it, and the resource it was made for (the first one refused, when several).</summary>
public readonly record struct AuthorizationResult(Decision Decision, PolicyType DecidedBy, string Resource)
{
    public bool IsAllowed => Decision == Decision.Allow;
}
