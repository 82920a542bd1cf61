namespace Doqutore.Emulator.Authorization;

/// <summary>How a resource-policy statement's Principal names the caller; it decides what an Allow grants.</summary>
internal enum PrincipalMatch
{
    /// <summary>The caller is not named.</summary>
    None,

    /// <summary>
    /// Only the caller's account is named (account id or root ARN): the account delegates to its own
    /// identity policies, so an Allow grants nothing by itself. A Deny still applies.
    /// </summary>
    Account,

    /// <summary>Named through a role ARN, "*" or NotPrincipal: an Allow grants, limited by boundary and session policies.</summary>
    Limited,

    /// <summary>The caller's own ARN (user, role session, federated user, root) or service: an Allow grants outright.</summary>
    Direct,
}

/// <summary>A compiled Principal or NotPrincipal element: <c>"*"</c>, or AWS / Service / Federated / CanonicalUser values.</summary>
public sealed class PrincipalElement
{
    internal PrincipalElement(bool any, IReadOnlySet<string> aws, IReadOnlySet<string> services, IReadOnlySet<string> federated, IReadOnlySet<string> canonicalUsers)
    {
        IsAnyone = any;
        Aws = aws;
        Services = services;
        Federated = federated;
        CanonicalUsers = canonicalUsers;
    }

    /// <summary>True for <c>"*"</c> or <c>{"AWS": "*"}</c>.</summary>
    public bool IsAnyone { get; }

    /// <summary>AWS principals as ARNs; account ids are normalised to <c>arn:aws:iam::ACCOUNT:root</c>.</summary>
    public IReadOnlySet<string> Aws { get; }

    public IReadOnlySet<string> Services { get; }

    public IReadOnlySet<string> Federated { get; }

    public IReadOnlySet<string> CanonicalUsers { get; }

    internal PrincipalMatch Match(RequestPrincipal caller)
    {
        switch (caller.Kind)
        {
            case PrincipalKind.Service:
                return Services.Contains(caller.Arn) ? PrincipalMatch.Direct : IsAnyone ? PrincipalMatch.Limited : PrincipalMatch.None;
            case PrincipalKind.WebIdentity:
                return Federated.Contains(caller.Arn) ? PrincipalMatch.Direct : IsAnyone ? PrincipalMatch.Limited : PrincipalMatch.None;
            case PrincipalKind.Anonymous:
                return IsAnyone ? PrincipalMatch.Limited : PrincipalMatch.None;
        }

        if (Aws.Contains(caller.Arn))
        {
            return PrincipalMatch.Direct;
        }

        if (caller.RoleArn is not null && Aws.Contains(caller.RoleArn))
        {
            return PrincipalMatch.Limited;
        }

        if (IsAnyone)
        {
            return PrincipalMatch.Limited;
        }

        return Aws.Contains(caller.AccountRootArn) ? PrincipalMatch.Account : PrincipalMatch.None;
    }

    /// <summary>
    /// NotPrincipal: the statement applies unless every identity in the caller's chain is listed (account,
    /// role and session for a role session; account and user for a user), which is why the IAM User Guide
    /// says a Deny with NotPrincipal must list the account too.
    /// </summary>
    internal bool Excludes(RequestPrincipal caller)
    {
        if (IsAnyone)
        {
            return true;
        }

        return caller.Kind switch
        {
            PrincipalKind.Service => Services.Contains(caller.Arn),
            PrincipalKind.WebIdentity => Federated.Contains(caller.Arn),
            PrincipalKind.Anonymous => false,
            PrincipalKind.Root => Aws.Contains(caller.Arn),
            _ => Aws.Contains(caller.Arn) && Aws.Contains(caller.AccountRootArn) && (caller.RoleArn is null || Aws.Contains(caller.RoleArn)),
        };
    }
}
