using System.Globalization;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>
/// Statistics of a set of samples: SampleCount, Sum, Average, Minimum, Maximum and percentiles
/// (<c>p0</c>–<c>p100</c>, nearest rank over the published values weighted by their counts). Percentiles are
/// unknown (null) when any sample was published as <c>StatisticValues</c>, as in AWS.
/// </summary>
internal sealed partial class MetricStatistics
{
    public static readonly string[] Basic = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

    private readonly List<(double Value, double Count)>? _values;

    public MetricStatistics(IReadOnlyCollection<MetricSample> samples)
    {
        SampleCount = samples.Sum(s => s.SampleCount);
        Sum = samples.Sum(s => s.Sum);
        Minimum = samples.Min(s => s.Minimum);
        Maximum = samples.Max(s => s.Maximum);
        if (samples.All(s => s.Values is not null))
        {
            _values = [.. samples.SelectMany(s => s.Values!).OrderBy(v => v.Value)];
        }
    }

    public double SampleCount { get; }

    public double Sum { get; }

    public double Minimum { get; }

    public double Maximum { get; }

    public double Average => SampleCount == 0 ? 0 : Sum / SampleCount;

    public static bool IsPercentile(string statistic) => PercentileRegex().IsMatch(statistic);

    /// <summary>The statistic named as GetMetricStatistics and GetMetricData name it; null when unknown for these samples.</summary>
    public double? Get(string statistic) => statistic switch
    {
        "SampleCount" => SampleCount,
        "Average" => Average,
        "Sum" => Sum,
        "Minimum" => Minimum,
        "Maximum" => Maximum,
        _ => Percentile(double.Parse(statistic.AsSpan(1), CultureInfo.InvariantCulture)),
    };

    private double? Percentile(double p)
    {
        if (_values is null || _values.Count == 0)
        {
            return null;
        }

        var total = _values.Sum(v => v.Count);
        var rank = Math.Max(1, Math.Ceiling(p / 100 * total));
        double seen = 0;
        foreach (var (value, count) in _values)
        {
            seen += count;
            if (seen >= rank)
            {
                return value;
            }
        }

        return _values[^1].Value;
    }

    [GeneratedRegex(@"^p(\d{1,2}(\.\d{1,10})?|100(\.0{1,10})?)$")]
    private static partial Regex PercentileRegex();
}
