using System.Collections.Concurrent;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Iam.ManagedPolicies;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// IAM state of every account (IAM is global: one <see cref="IamAccount"/> per account, no region), plus an
/// index of access key ids to their account so authentication finds a key without knowing the account.
/// </summary>
public sealed class IamStore : IResettable, IIamIdentityLookup
{
    private readonly ConcurrentDictionary<string, IamAccount> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _keyAccounts = new(StringComparer.Ordinal);

    internal IamAccount Account(string accountId) => _accounts.GetOrAdd(accountId, static id => new IamAccount(id));

    /// <summary>Runs <paramref name="action"/> under the account's lock.</summary>
    internal T With<T>(string accountId, Func<IamAccount, T> action)
    {
        var account = Account(accountId);
        lock (account.Gate)
        {
            return action(account);
        }
    }

    internal void IndexKey(string accessKeyId, string accountId) => _keyAccounts[accessKeyId] = accountId;

    internal void UnindexKey(string accessKeyId) => _keyAccounts.TryRemove(accessKeyId, out _);

    /// <summary>The default document of a managed policy (AWS or the account's), or null if it does not exist.</summary>
    internal static string? ManagedDocument(IamAccount account, string arn) =>
        AwsManagedPolicies.Find(arn)?.Document ?? account.FindPolicy(arn)?.DefaultVersion.Document;

    public void Reset()
    {
        _accounts.Clear();
        _keyAccounts.Clear();
    }

    public IamAccessKeyRecord? FindAccessKey(string accessKeyId)
    {
        if (!_keyAccounts.TryGetValue(accessKeyId, out var accountId))
        {
            return null;
        }

        return With(accountId, account =>
            account.KeyOwners.TryGetValue(accessKeyId, out var user) && user.AccessKeys.Find(k => k.Id == accessKeyId) is { } key
                ? new IamAccessKeyRecord(accountId, key.Id, key.Secret, key.Active, user.Name, user.Id, user.Arn)
                : null);
    }

    public IamIdentityPolicies? UserPolicies(string accountId, string userName) => With(accountId, account =>
    {
        if (!account.Users.TryGetValue(userName, out var user))
        {
            return null;
        }

        var policies = new List<IamPolicyDocumentRecord>();
        AddPolicies(account, user, policies);
        foreach (var groupName in user.Groups)
        {
            AddPolicies(account, account.Groups[groupName], policies);
        }

        return new IamIdentityPolicies(
            user.Arn, user.Id, policies, user.PermissionsBoundary, Boundary(account, user.PermissionsBoundary),
            user.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase), account.Generation);
    });

    public IamIdentityPolicies? RolePolicies(string accountId, string roleName) => With(accountId, account =>
    {
        if (!account.Roles.TryGetValue(roleName, out var role))
        {
            return null;
        }

        var policies = new List<IamPolicyDocumentRecord>();
        AddPolicies(account, role, policies);
        return new IamIdentityPolicies(
            role.Arn, role.Id, policies, role.PermissionsBoundary, Boundary(account, role.PermissionsBoundary),
            role.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase), account.Generation);
    });

    /// <summary>The group's identity policies (no boundary: groups have none), or null if no such group.</summary>
    public IamIdentityPolicies? GroupPolicies(string accountId, string groupName) => With(accountId, account =>
    {
        if (!account.Groups.TryGetValue(groupName, out var group))
        {
            return null;
        }

        var policies = new List<IamPolicyDocumentRecord>();
        AddPolicies(account, group, policies);
        return new IamIdentityPolicies(group.Arn, group.Id, policies, null, null, new Dictionary<string, string>(), account.Generation);
    });

    public IamRoleRecord? FindRole(string accountId, string roleName) => With(accountId, account =>
        account.Roles.TryGetValue(roleName, out var role)
            ? new IamRoleRecord(accountId, role.Name, role.Id, role.Arn, role.TrustPolicy, role.MaxSessionDuration)
            : null);

    public long Generation(string accountId) => With(accountId, account => account.Generation);

    public void RecordAccessKeyUse(string accessKeyId, string service, string region, DateTimeOffset when)
    {
        if (!_keyAccounts.TryGetValue(accessKeyId, out var accountId))
        {
            return;
        }

        With(accountId, account =>
        {
            var key = account.KeyOwners.GetValueOrDefault(accessKeyId)?.AccessKeys.Find(k => k.Id == accessKeyId);
            if (key is not null)
            {
                key.LastUsed = when;
                key.LastUsedService = service;
                key.LastUsedRegion = region;
            }

            return key;
        });
    }

    private static void AddPolicies(IamAccount account, IamPrincipalEntity entity, List<IamPolicyDocumentRecord> policies)
    {
        foreach (var arn in entity.AttachedPolicies)
        {
            if (ManagedDocument(account, arn) is { } document)
            {
                policies.Add(new IamPolicyDocumentRecord(IamPolicySource.Managed, arn, entity.Arn, document));
            }
        }

        foreach (var (name, document) in entity.InlinePolicies)
        {
            policies.Add(new IamPolicyDocumentRecord(IamPolicySource.Inline, name, entity.Arn, document));
        }
    }

    private static string? Boundary(IamAccount account, string? arn) => arn is null ? null : ManagedDocument(account, arn);
}
