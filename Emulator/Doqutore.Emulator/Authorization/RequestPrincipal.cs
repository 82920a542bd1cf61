namespace Doqutore.Emulator.Authorization;

/// <summary>The kinds of caller policy evaluation distinguishes (the values of <c>aws:PrincipalType</c>).</summary>
public enum PrincipalKind
{
    /// <summary>The account's root user (<c>aws:PrincipalType</c> = <c>Account</c>).</summary>
    Root,

    /// <summary>An IAM user.</summary>
    User,

    /// <summary>A role session (<c>arn:aws:sts::…:assumed-role/role/session</c>).</summary>
    AssumedRole,

    /// <summary>A GetFederationToken session (<c>arn:aws:sts::…:federated-user/name</c>).</summary>
    FederatedUser,

    /// <summary>An AWS service acting as itself (its <see cref="RequestPrincipal.Arn"/> is the service principal, e.g. <c>lambda.amazonaws.com</c>).</summary>
    Service,

    /// <summary>A web identity or SAML provider (its <see cref="RequestPrincipal.Arn"/> is the provider as a trust policy names it).</summary>
    WebIdentity,

    /// <summary>An unauthenticated caller.</summary>
    Anonymous,
}

/// <summary>The caller as policy evaluation sees it (immutable; key values are cached per instance).</summary>
/// <param name="kind">The principal kind.</param>
/// <param name="arn">The caller's ARN as AWS names it in errors: user ARN, session ARN, root ARN.</param>
/// <param name="accountId">The caller's account.</param>
/// <param name="userId">The <c>aws:userid</c> value (<c>AIDA…</c>, <c>AROA…:session</c>, the account id for root).</param>
public sealed class RequestPrincipal(PrincipalKind kind, string arn, string accountId, string userId)
{
    private string[]? _userIdValues;
    private string[]? _userNameValues;
    private string[]? _accountValues;
    private string[]? _typeValues;
    private string[]? _principalArnValues;

    public PrincipalKind Kind { get; } = kind;

    public string Arn { get; } = arn;

    public string AccountId { get; } = accountId;

    public string UserId { get; } = userId;

    /// <summary>The IAM user name (<c>aws:username</c>), users only.</summary>
    public string? UserName { get; init; }

    /// <summary>For a role session: the role's ARN, with its path (<c>aws:PrincipalArn</c>, and what resource policies name).</summary>
    public string? RoleArn { get; init; }

    /// <summary>Tags of the user or role, plus session tags (<c>aws:PrincipalTag/key</c>); keys are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The account's root ARN.</summary>
    public string AccountRootArn => $"arn:aws:iam::{AccountId}:root";

    public static RequestPrincipal Root(string accountId) => new(PrincipalKind.Root, $"arn:aws:iam::{accountId}:root", accountId, accountId);

    public static RequestPrincipal User(string accountId, string userName, string userId, string path = "/") =>
        new(PrincipalKind.User, $"arn:aws:iam::{accountId}:user{path}{userName}", accountId, userId) { UserName = userName };

    public static RequestPrincipal RoleSession(string accountId, string roleName, string roleId, string sessionName, string path = "/") =>
        new(PrincipalKind.AssumedRole, $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}", accountId, $"{roleId}:{sessionName}")
        {
            RoleArn = $"arn:aws:iam::{accountId}:role{path}{roleName}",
        };

    /// <summary>The value <c>aws:PrincipalType</c> takes.</summary>
    public string PrincipalTypeValue => Kind switch
    {
        PrincipalKind.Root => "Account",
        PrincipalKind.User => "User",
        PrincipalKind.AssumedRole => "AssumedRole",
        PrincipalKind.FederatedUser => "FederatedUser",
        PrincipalKind.Service => "AWSService",
        PrincipalKind.WebIdentity => "WebIdentityUser",
        _ => "Anonymous",
    };

    /// <summary>The global condition keys the principal itself supplies (<c>aws:username</c>, <c>aws:PrincipalTag/…</c>, …).</summary>
    internal bool TryGetKey(string key, out IReadOnlyList<string> values)
    {
        values = [];
        if (!key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || Kind == PrincipalKind.Anonymous)
        {
            return false;
        }

        var name = key.AsSpan(4);
        if (name.StartsWith("PrincipalTag/", StringComparison.OrdinalIgnoreCase))
        {
            var tagKey = name["PrincipalTag/".Length..];
            foreach (var (k, v) in Tags)
            {
                if (tagKey.Equals(k, StringComparison.OrdinalIgnoreCase))
                {
                    values = [v];
                    return true;
                }
            }

            return false;
        }

        if (name.Equals("username", StringComparison.OrdinalIgnoreCase))
        {
            if (UserName is null)
            {
                return false;
            }

            values = _userNameValues ??= [UserName];
            return true;
        }

        if (name.Equals("userid", StringComparison.OrdinalIgnoreCase))
        {
            values = _userIdValues ??= [UserId];
            return true;
        }

        if (name.Equals("PrincipalArn", StringComparison.OrdinalIgnoreCase))
        {
            // For a role session aws:PrincipalArn is the role's ARN, not the session's.
            values = _principalArnValues ??= [RoleArn ?? Arn];
            return true;
        }

        if (name.Equals("PrincipalAccount", StringComparison.OrdinalIgnoreCase))
        {
            values = _accountValues ??= [AccountId];
            return true;
        }

        if (name.Equals("PrincipalType", StringComparison.OrdinalIgnoreCase))
        {
            values = _typeValues ??= [PrincipalTypeValue];
            return true;
        }

        return false;
    }
}
