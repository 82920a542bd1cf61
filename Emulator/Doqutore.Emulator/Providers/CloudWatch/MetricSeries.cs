namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>A dimension of a metric.</summary>
public sealed record MetricDimension(string Name, string Value);

/// <summary>
/// One published datum, already reduced: sample count, sum, minimum, maximum and, when the values are
/// known (<c>Value</c> or <c>Values</c>/<c>Counts</c>, not <c>StatisticValues</c>), the weighted values
/// for percentiles.
/// </summary>
public sealed record MetricSample(DateTimeOffset Timestamp, string Unit, double SampleCount, double Sum, double Minimum, double Maximum, IReadOnlyList<(double Value, double Count)>? Values);

/// <summary>A metric (namespace, name, dimensions) and its samples.</summary>
public sealed class MetricSeries(string metricNamespace, string name, IReadOnlyList<MetricDimension> dimensions)
{
    public string Namespace { get; } = metricNamespace;

    public string Name { get; } = name;

    /// <summary>Sorted by name: a metric's identity does not depend on the order dimensions were given in.</summary>
    public IReadOnlyList<MetricDimension> Dimensions { get; } = dimensions;

    public List<MetricSample> Samples { get; } = [];

    public DateTimeOffset LastPut { get; set; }

    public static string Key(string metricNamespace, string name, IEnumerable<MetricDimension> sortedDimensions) =>
        string.Join('\u0001', new[] { metricNamespace, name }.Concat(sortedDimensions.SelectMany(d => new[] { d.Name, d.Value })));
}
