using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>CloudWatch metrics of one account and region; every read and change holds <see cref="Lock"/>.</summary>
public sealed class CloudWatchRegion
{
    public object Lock { get; } = new();

    /// <summary>Metrics by <see cref="MetricSeries.Key"/>, ordered so ListMetrics pages are stable.</summary>
    public SortedDictionary<string, MetricSeries> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>When <see cref="MetricRetention"/> last swept this region.</summary>
    public DateTimeOffset LastRetentionSweep { get; set; } = DateTimeOffset.MinValue;
}

/// <summary>The CloudWatch metrics store: <see cref="CloudWatchRegion"/> per account and region, in memory.</summary>
public sealed class CloudWatchStore : IResettable
{
    private readonly AccountRegionStore<CloudWatchRegion> _regions = new();

    public T With<T>(string accountId, string region, Func<CloudWatchRegion, T> action)
    {
        var state = _regions.Get(accountId, region);
        lock (state.Lock)
        {
            return action(state);
        }
    }

    public void Reset() => _regions.Reset();
}
