namespace Doqutore.Emulator.Authorization;

/// <summary>
/// IAM policy evaluation logic for requests within one account (IAM User Guide, "Policy evaluation logic";
/// reference §4.3). There are no SCPs, VPC endpoint policies or cross-account requests in the emulator.
/// </summary>
/// <remarks>
/// For each resource of the request:
/// <list type="number">
/// <item>An explicit Deny in any applicable policy decides. When several deny, the one named is the first of:
/// resource-based (or role trust), identity-based, permissions boundary, session policy (the order of the
/// User Guide's flowchart; AWS says only that one is named).</item>
/// <item>A role trust policy must allow explicitly (a principal of any form, the account included).</item>
/// <item>The root user is allowed by default.</item>
/// <item>A resource-policy Allow naming the caller's own ARN (user, role session, federated user) grants
/// outright. One naming the role ARN, <c>"*"</c>, or through NotPrincipal grants too, unless the permissions
/// boundary or the session policies, when present, do not allow. One naming only the account delegates to
/// the account's identity policies and grants nothing by itself.</item>
/// <item>Otherwise an identity-based Allow is needed, and, when present, the permissions boundary and the
/// session policies must allow too (intersection).</item>
/// </list>
/// With several resources, every one must be allowed; an explicit deny on any resource wins over an implicit one.
/// </remarks>
public static class PolicyEvaluator
{
    public static AuthorizationResult Evaluate(AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        AuthorizationResult? implicitDeny = null;
        AuthorizationResult? allow = null;
        foreach (var resource in request.Resources)
        {
            var result = EvaluateResource(request, resource);
            switch (result.Decision)
            {
                case Decision.ExplicitDeny:
                    return result;
                case Decision.ImplicitDeny:
                    implicitDeny ??= result;
                    break;
                default:
                    allow ??= result;
                    break;
            }
        }

        return implicitDeny ?? allow!.Value;
    }

    private static AuthorizationResult EvaluateResource(AuthorizationRequest request, string resource)
    {
        var scope = new EvaluationScope(request, resource);
        var resourceType = request.ResourcePolicyIsRoleTrust ? PolicyType.RoleTrustPolicy : PolicyType.ResourceBased;

        var resourceOutcome = request.ResourcePolicy is { } resourcePolicy ? EvaluateResourcePolicy(resourcePolicy, scope) : ResourceOutcome.None;
        if (resourceOutcome == ResourceOutcome.Deny)
        {
            return new(Decision.ExplicitDeny, resourceType, resource);
        }

        var identity = EvaluateAll(request.IdentityPolicies, scope);
        if (identity == Outcome.Deny)
        {
            return new(Decision.ExplicitDeny, PolicyType.IdentityBased, resource);
        }

        var boundary = request.PermissionsBoundary is { } boundaryPolicy ? Evaluate(boundaryPolicy, scope) : Outcome.Allow;
        if (boundary == Outcome.Deny)
        {
            return new(Decision.ExplicitDeny, PolicyType.PermissionsBoundary, resource);
        }

        var session = request.SessionPolicies is { Count: > 0 } sessionPolicies ? EvaluateAll(sessionPolicies, scope) : Outcome.Allow;
        if (session == Outcome.Deny)
        {
            return new(Decision.ExplicitDeny, PolicyType.SessionPolicy, resource);
        }

        if (request.ResourcePolicyIsRoleTrust && resourceOutcome == ResourceOutcome.None)
        {
            return new(Decision.ImplicitDeny, PolicyType.RoleTrustPolicy, resource);
        }

        if (request.Principal.Kind == PrincipalKind.Root)
        {
            return new(Decision.Allow, PolicyType.None, resource);
        }

        if (resourceOutcome == ResourceOutcome.AllowDirect)
        {
            return new(Decision.Allow, resourceType, resource);
        }

        if (resourceOutcome != ResourceOutcome.AllowLimited && identity != Outcome.Allow)
        {
            return new(Decision.ImplicitDeny, PolicyType.IdentityBased, resource);
        }

        if (boundary != Outcome.Allow)
        {
            return new(Decision.ImplicitDeny, PolicyType.PermissionsBoundary, resource);
        }

        if (session != Outcome.Allow)
        {
            return new(Decision.ImplicitDeny, PolicyType.SessionPolicy, resource);
        }

        return new(Decision.Allow, identity == Outcome.Allow ? PolicyType.IdentityBased : resourceType, resource);
    }

    private static Outcome EvaluateAll(IReadOnlyList<PolicyDocument> policies, in EvaluationScope scope)
    {
        var outcome = Outcome.None;
        for (var i = 0; i < policies.Count; i++)
        {
            var one = Evaluate(policies[i], scope);
            if (one == Outcome.Deny)
            {
                return Outcome.Deny;
            }

            if (one == Outcome.Allow)
            {
                outcome = Outcome.Allow;
            }
        }

        return outcome;
    }

    private static Outcome Evaluate(PolicyDocument policy, in EvaluationScope scope)
    {
        var outcome = Outcome.None;
        var statements = policy.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (statement.Effect == PolicyEffect.Allow && outcome == Outcome.Allow)
            {
                continue;
            }

            if (statement.MatchesAction(scope.Request.Action) && statement.MatchesResource(scope) && statement.MatchesConditions(scope))
            {
                if (statement.Effect == PolicyEffect.Deny)
                {
                    return Outcome.Deny;
                }

                outcome = Outcome.Allow;
            }
        }

        return outcome;
    }

    private static ResourceOutcome EvaluateResourcePolicy(PolicyDocument policy, in EvaluationScope scope)
    {
        var outcome = ResourceOutcome.None;
        foreach (var statement in policy.Statements)
        {
            if (statement.Effect == PolicyEffect.Allow && outcome == ResourceOutcome.AllowDirect)
            {
                continue;
            }

            var principal = statement.MatchPrincipal(scope.Request.Principal);
            if (principal == PrincipalMatch.None
                || !statement.MatchesAction(scope.Request.Action)
                || !statement.MatchesResource(scope)
                || !statement.MatchesConditions(scope))
            {
                continue;
            }

            if (statement.Effect == PolicyEffect.Deny)
            {
                return ResourceOutcome.Deny;
            }

            var granted = principal switch
            {
                PrincipalMatch.Direct => ResourceOutcome.AllowDirect,
                PrincipalMatch.Limited => ResourceOutcome.AllowLimited,
                // An account principal grants nothing by itself, except that a role trust policy naming the
                // account counts as the trust policy's explicit allow (identity policies must then allow too).
                _ => scope.Request.ResourcePolicyIsRoleTrust ? ResourceOutcome.AllowAccount : ResourceOutcome.None,
            };
            if (granted > outcome)
            {
                outcome = granted;
            }
        }

        return outcome;
    }

    private enum Outcome
    {
        None,
        Allow,
        Deny,
    }

    /// <summary>Ordered by strength of grant, so the strongest matching Allow wins.</summary>
    private enum ResourceOutcome
    {
        None,
        AllowAccount,
        AllowLimited,
        AllowDirect,
        Deny,
    }
}
