using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>CloudWatch Logs state of one account and region; every read and change holds <see cref="Lock"/>.</summary>
public sealed class LogsRegion
{
    public object Lock { get; } = new();

    public SortedDictionary<string, LogGroup> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>The next event sequence number (event ids and FilterLogEvents tokens order by it).</summary>
    public long NextSequence { get; set; }
}

/// <summary>The CloudWatch Logs store: <see cref="LogsRegion"/> per account and region, in memory.</summary>
public sealed class LogsStore : IResettable
{
    private readonly AccountRegionStore<LogsRegion> _regions = new();

    public T With<T>(string accountId, string region, Func<LogsRegion, T> action)
    {
        var state = _regions.Get(accountId, region);
        lock (state.Lock)
        {
            return action(state);
        }
    }

    public void Reset() => _regions.Reset();

    public static string GroupArn(string accountId, string region, string group) => $"arn:aws:logs:{region}:{accountId}:log-group:{group}";

    public static string StreamArn(string accountId, string region, string group, string stream) =>
        $"arn:aws:logs:{region}:{accountId}:log-group:{group}:log-stream:{stream}";
}
