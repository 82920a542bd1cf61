namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// What authentication and authorization read from IAM: access keys, and the policy documents that apply to
/// a user or role. Answers are immutable snapshots taken under the account's lock; <c>Generation</c> changes
/// whenever anything that could change a decision changes, so compiled policies can be cached by it.
/// </summary>
public interface IIamIdentityLookup
{
    /// <summary>The long-term (<c>AKIA…</c>) key with this id in any account, or null if none exists (deleted keys too).</summary>
    IamAccessKeyRecord? FindAccessKey(string accessKeyId);

    /// <summary>The user's identity policies (its own and its groups') and boundary, or null if no such user.</summary>
    IamIdentityPolicies? UserPolicies(string accountId, string userName);

    /// <summary>The role's identity policies and boundary, or null if no such role.</summary>
    IamIdentityPolicies? RolePolicies(string accountId, string roleName);

    /// <summary>The role's trust policy and session limit (for <c>AssumeRole</c>), or null if no such role.</summary>
    IamRoleRecord? FindRole(string accountId, string roleName);

    /// <summary>The account's change counter (see <see cref="IamIdentityPolicies.Generation"/>).</summary>
    long Generation(string accountId);

    /// <summary>Records a successful use of a key, for <c>GetAccessKeyLastUsed</c>.</summary>
    void RecordAccessKeyUse(string accessKeyId, string service, string region, DateTimeOffset when);
}

/// <summary>An IAM user's access key.</summary>
/// <param name="AccountId">The user's account.</param>
/// <param name="AccessKeyId">The key id (<c>AKIA…</c>).</param>
/// <param name="SecretAccessKey">The secret, for SigV4 verification.</param>
/// <param name="Active">False once set Inactive: requests signed with it are refused.</param>
/// <param name="UserName">The owner's name.</param>
/// <param name="UserId">The owner's unique id (<c>AIDA…</c>, the <c>aws:userid</c>).</param>
/// <param name="UserArn">The owner's ARN.</param>
public sealed record IamAccessKeyRecord(string AccountId, string AccessKeyId, string SecretAccessKey, bool Active, string UserName, string UserId, string UserArn);

/// <summary>Where a policy document applies from.</summary>
public enum IamPolicySource
{
    /// <summary>A managed policy attached to the entity (or to a group of the user).</summary>
    Managed,

    /// <summary>An inline policy embedded in the entity (or in a group of the user).</summary>
    Inline,
}

/// <summary>One identity policy document.</summary>
/// <param name="Source">Managed or inline.</param>
/// <param name="Id">The managed policy's ARN, or the inline policy's name.</param>
/// <param name="OwnerArn">The user, group or role that carries it.</param>
/// <param name="Document">The document text (the default version of a managed policy).</param>
public sealed record IamPolicyDocumentRecord(IamPolicySource Source, string Id, string OwnerArn, string Document);

/// <summary>Everything identity-based that applies to a user or role.</summary>
/// <param name="Arn">The user's or role's ARN.</param>
/// <param name="UniqueId">Its unique id (<c>AIDA…</c>, <c>AROA…</c>).</param>
/// <param name="Policies">Identity policies: the entity's own, then each group's for a user.</param>
/// <param name="PermissionsBoundaryArn">The boundary policy's ARN, or null.</param>
/// <param name="PermissionsBoundary">The boundary's default document, or null.</param>
/// <param name="Tags">The principal's tags (<c>aws:PrincipalTag</c>).</param>
/// <param name="Generation">The account's change counter when this snapshot was taken.</param>
public sealed record IamIdentityPolicies(
    string Arn,
    string UniqueId,
    IReadOnlyList<IamPolicyDocumentRecord> Policies,
    string? PermissionsBoundaryArn,
    string? PermissionsBoundary,
    IReadOnlyDictionary<string, string> Tags,
    long Generation);

/// <summary>A role as <c>AssumeRole</c> needs it.</summary>
public sealed record IamRoleRecord(string AccountId, string RoleName, string RoleId, string Arn, string TrustPolicy, int MaxSessionDuration);
