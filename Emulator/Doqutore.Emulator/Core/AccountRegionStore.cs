using System.Collections.Concurrent;

namespace Doqutore.Emulator.Core;

/// <summary>Something holding emulated state that <c>POST /_doqutore/reset</c> clears.</summary>
public interface IResettable
{
    void Reset();
}

/// <summary>
/// State of one service, one instance per account and region, as AWS keeps it. Services that are global
/// in AWS (IAM) use one region key.
/// </summary>
/// <typeparam name="TState">The service's state for one account and region.</typeparam>
public sealed class AccountRegionStore<TState> : IResettable
    where TState : new()
{
    private readonly ConcurrentDictionary<(string Account, string Region), TState> _states = new();

    public TState Get(string accountId, string region) => _states.GetOrAdd((accountId, region), static _ => new TState());

    public TState Get(RequestContext context) => Get(context.AccountId, context.Region);

    public void Reset() => _states.Clear();
}
