using System.Collections.Concurrent;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// The trails of every account. Trails are kept per account rather than per region because a multi-region trail
/// shows in every region. Deleted trails stay a while in <see cref="CloudTrailAccount.Deleted"/>, so that a record
/// of a call that arrived before the deletion (the DeleteTrail call itself among them) still reaches them.
/// </summary>
public sealed class CloudTrailStore : IResettable
{
    private readonly ConcurrentDictionary<string, CloudTrailAccount> _accounts = new(StringComparer.Ordinal);

    internal CloudTrailAccount Account(string accountId) => _accounts.GetOrAdd(accountId, static _ => new CloudTrailAccount());

    /// <summary>Runs <paramref name="action"/> under the account's lock.</summary>
    internal T With<T>(string accountId, Func<CloudTrailAccount, T> action)
    {
        var account = Account(accountId);
        lock (account.Gate)
        {
            return action(account);
        }
    }

    /// <summary>Whether the account has a trail, or a deleted one still remembered (records in flight may reach it).</summary>
    internal bool HasTrails(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var account))
        {
            return false;
        }

        lock (account.Gate)
        {
            return account.Trails.Count > 0 || account.Deleted.Count > 0;
        }
    }

    /// <summary>Every trail of every account, deleted ones still remembered included (for log delivery).</summary>
    internal IReadOnlyList<Trail> AllTrails()
    {
        var trails = new List<Trail>();
        foreach (var account in _accounts.Values)
        {
            lock (account.Gate)
            {
                trails.AddRange(account.Trails);
                trails.AddRange(account.Deleted);
            }
        }

        return trails;
    }

    public void Reset() => _accounts.Clear();
}

/// <summary>The trails of one account.</summary>
internal sealed class CloudTrailAccount
{
    /// <summary>How long a deleted trail is remembered: records reach the sink right after their call completes.</summary>
    public static readonly TimeSpan DeletedRetention = TimeSpan.FromHours(1);

    public Lock Gate { get; } = new();

    public List<Trail> Trails { get; } = [];

    public List<Trail> Deleted { get; } = [];

    /// <summary>The trail named <paramref name="name"/> whose home is <paramref name="region"/>.</summary>
    public Trail? Home(string region, string name) =>
        Trails.Find(t => t.HomeRegion == region && t.Name == name);

    /// <summary>The trails visible in <paramref name="region"/>: its own and the shadows of multi-region trails.</summary>
    public IEnumerable<Trail> VisibleIn(string region) => Trails.Where(t => t.Covers(region));

    public void Remove(Trail trail, DateTimeOffset now)
    {
        Trails.Remove(trail);
        Deleted.RemoveAll(t => t.DeletedAt < now - DeletedRetention);
        Deleted.Add(trail);
    }
}
