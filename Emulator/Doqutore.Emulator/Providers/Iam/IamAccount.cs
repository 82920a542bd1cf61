namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// One account's IAM state. IAM is global: one instance per account, whatever the region. Every read and
/// write happens under <see cref="Gate"/>, and operations validate fully before they mutate, so a refused
/// request leaves no trace.
/// </summary>
internal sealed class IamAccount(string accountId)
{
    public string AccountId { get; } = accountId;

    public Lock Gate { get; } = new();

    // Users, groups and roles are unique by name ignoring case, as AWS keeps them.
    public Dictionary<string, IamUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, IamGroup> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, IamRole> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Customer managed policies by name (unique ignoring case).</summary>
    public Dictionary<string, IamManagedPolicy> Policies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The owner of each access key of the account, by key id (authentication looks keys up on every request).</summary>
    public Dictionary<string, IamUser> KeyOwners { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Bumped by every change of policies, attachments, memberships, keys or boundaries, so that callers
    /// caching compiled policies know when to recompile.
    /// </summary>
    public long Generation { get; private set; }

    public void Changed() => Generation++;

    public string Arn(string kind, string path, string name) => $"arn:aws:iam::{AccountId}:{kind}{path}{name}";

    public IamUser User(string name) => Users.GetValueOrDefault(name) ?? throw IamErrors.NoSuchUser(name);

    public IamGroup Group(string name) => Groups.GetValueOrDefault(name) ?? throw IamErrors.NoSuchGroup(name);

    public IamRole Role(string name) => Roles.GetValueOrDefault(name) ?? throw IamErrors.NoSuchRole(name);

    /// <summary>The customer managed policy with this ARN, or null (also for another account's ARN).</summary>
    public IamManagedPolicy? FindPolicy(string arn)
    {
        var prefix = $"arn:aws:iam::{AccountId}:policy/";
        if (!arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = arn[(arn.LastIndexOf('/') + 1)..];
        return Policies.TryGetValue(name, out var policy) && string.Equals(policy.Arn, arn, StringComparison.Ordinal) ? policy : null;
    }

    /// <summary>Users, groups and roles the managed policy with this ARN is attached to.</summary>
    public int AttachmentCount(string arn) =>
        Users.Values.Count(u => u.AttachedPolicies.Contains(arn))
        + Groups.Values.Count(g => g.AttachedPolicies.Contains(arn))
        + Roles.Values.Count(r => r.AttachedPolicies.Contains(arn));

    /// <summary>Users and roles that use the policy with this ARN as their permissions boundary.</summary>
    public int BoundaryUsageCount(string arn) =>
        Users.Values.Count(u => u.PermissionsBoundary == arn) + Roles.Values.Count(r => r.PermissionsBoundary == arn);
}
