using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// EventBridge state of one account and region: its buses (the <c>default</c> bus made on first use) and the
/// tags of buses and rules by ARN. Every read and change holds <see cref="Lock"/>; the router copies what it
/// needs under it and matches outside.
/// </summary>
public sealed class EventsRegion
{
    public object Lock { get; } = new();

    public Dictionary<string, EventBus> Buses { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SortedDictionary<string, string>> Tags { get; } = new(StringComparer.Ordinal);
}

/// <summary>The EventBridge store: <see cref="EventsRegion"/> per account and region.</summary>
public sealed class EventsStore : IResettable
{
    public const string DefaultBus = "default";

    private readonly AccountRegionStore<EventsRegion> _regions = new();

    /// <summary>Runs <paramref name="action"/> under the region's lock, the default bus present.</summary>
    public T With<T>(string accountId, string region, Func<EventsRegion, T> action)
    {
        var state = _regions.Get(accountId, region);
        lock (state.Lock)
        {
            if (!state.Buses.ContainsKey(DefaultBus))
            {
                state.Buses[DefaultBus] = new EventBus(DefaultBus, BusArn(accountId, region, DefaultBus));
            }

            return action(state);
        }
    }

    public void Reset() => _regions.Reset();

    public static string BusArn(string accountId, string region, string name) => $"arn:aws:events:{region}:{accountId}:event-bus/{name}";

    /// <summary>Rules on the default bus have no bus in their ARN; rules on custom buses do.</summary>
    public static string RuleArn(string accountId, string region, string bus, string name) =>
        bus == DefaultBus ? $"arn:aws:events:{region}:{accountId}:rule/{name}" : $"arn:aws:events:{region}:{accountId}:rule/{bus}/{name}";
}
