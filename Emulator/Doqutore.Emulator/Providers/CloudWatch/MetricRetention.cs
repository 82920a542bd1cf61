namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>
/// CloudWatch's retention schedule (CloudWatch User Guide, "Metrics retention"): data points with a period under
/// 60 seconds are available for 3 hours, 1-minute data points for 15 days, 5-minute data points for 63 days and
/// 1-hour data points for 455 days (15 months); as data ages AWS aggregates it to the next coarser resolution.
/// The emulator does the same to its samples: older than 3 hours they are merged into 1-minute buckets, older than
/// 15 days into 5-minute buckets, older than 63 days into 1-hour buckets, and older than 455 days they are dropped,
/// as is a metric left with no sample. A merged sample keeps count, sum, minimum and maximum exactly, and the
/// weighted values (for percentiles) when every merged sample had them. The sweep runs at most once per
/// <see cref="SweepInterval"/> per region, so its linear cost is spread over many calls.
/// </summary>
internal static class MetricRetention
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>Age → resolution: samples older than the age are rolled up to buckets of the resolution.</summary>
    private static readonly (TimeSpan Age, int Seconds)[] Schedule =
    [
        (TimeSpan.FromDays(63), 3600),
        (TimeSpan.FromDays(15), 300),
        (TimeSpan.FromHours(3), 60),
    ];

    public static readonly TimeSpan Retention = TimeSpan.FromDays(455);

    /// <summary>Applies the schedule to the region's metrics when the last sweep is older than the interval.</summary>
    public static void Sweep(CloudWatchRegion state, DateTimeOffset now)
    {
        if (now - state.LastRetentionSweep < SweepInterval)
        {
            return;
        }

        state.LastRetentionSweep = now;
        List<string>? empty = null;
        foreach (var (key, series) in state.Metrics)
        {
            Apply(series.Samples, now);
            if (series.Samples.Count == 0)
            {
                (empty ??= []).Add(key);
            }
        }

        foreach (var key in empty ?? [])
        {
            state.Metrics.Remove(key);
        }
    }

    /// <summary>Drops the samples past retention and rolls the older ones up, in place.</summary>
    public static void Apply(List<MetricSample> samples, DateTimeOffset now)
    {
        samples.RemoveAll(s => s.Timestamp < now - Retention);
        foreach (var (age, seconds) in Schedule)
        {
            var cutoff = now - age;
            var groups = samples.Where(s => s.Timestamp < cutoff)
                .GroupBy(s => (Start: BucketStart(s.Timestamp, seconds), s.Unit))
                .Where(g => g.Count() > 1 || !Aligned(g.First(), seconds))
                .ToList();
            if (groups.Count == 0)
            {
                continue;
            }

            var merged = groups.Select(g => g.Key).ToHashSet();
            samples.RemoveAll(s => s.Timestamp < cutoff && merged.Contains((BucketStart(s.Timestamp, seconds), s.Unit)));
            samples.AddRange(groups.Select(g => Merge(g.Key.Start, g.Key.Unit, [.. g])));
        }
    }

    private static bool Aligned(MetricSample sample, int seconds) => sample.Timestamp == BucketStart(sample.Timestamp, seconds);

    private static DateTimeOffset BucketStart(DateTimeOffset at, int seconds)
    {
        var unix = at.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(unix - (((unix % seconds) + seconds) % seconds));
    }

    private static MetricSample Merge(DateTimeOffset start, string unit, List<MetricSample> samples)
    {
        List<(double Value, double Count)>? values = null;
        if (samples.All(s => s.Values is not null))
        {
            // Equal values are combined so a rolled-up sample holds at most one entry per distinct value.
            values = [.. samples.SelectMany(s => s.Values!).GroupBy(v => v.Value).Select(g => (g.Key, g.Sum(v => v.Count)))];
        }

        return new MetricSample(start, unit, samples.Sum(s => s.SampleCount), samples.Sum(s => s.Sum),
            samples.Min(s => s.Minimum), samples.Max(s => s.Maximum), values);
    }
}
