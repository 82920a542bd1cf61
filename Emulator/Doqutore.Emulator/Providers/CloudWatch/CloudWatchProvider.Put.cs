using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>
/// PutMetricData: 1–1000 data per call, each a <c>Value</c>, <c>Values</c> (at most 150, with optional
/// matching <c>Counts</c>) or <c>StatisticValues</c> — never two of them; timestamps from two weeks ago up to
/// two hours ahead; the <c>AWS/</c> namespaces are reserved for AWS services.
/// </summary>
public sealed partial class CloudWatchProvider
{
    public JsonObject PutMetricData(RequestContext context, JsonObject input)
    {
        var metricNamespace = CloudWatchInput.Name(input, "Namespace", "Namespace");
        if (metricNamespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            throw CloudWatchErrors.InvalidValue(metricNamespace, "Namespace");
        }

        var data = input["MetricData"] as JsonArray ?? throw CloudWatchErrors.MissingParameter("MetricData");
        if (data.Count is < 1 or > 1000)
        {
            // [guess] AWS's wording.
            throw CloudWatchErrors.InvalidParameterValue($"The collection MetricData must have a size between 1 and 1000.");
        }

        var now = clock.GetUtcNow();
        var parsed = new List<(string Name, List<MetricDimension> Dimensions, MetricSample Sample)>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            parsed.Add(ReadDatum(data[i] as JsonObject ?? [], $"MetricData.member.{i + 1}", now));
        }

        return With(context, state =>
        {
            foreach (var (name, dimensions, sample) in parsed)
            {
                var key = MetricSeries.Key(metricNamespace, name, dimensions);
                if (!state.Metrics.TryGetValue(key, out var series))
                {
                    series = new MetricSeries(metricNamespace, name, dimensions);
                    state.Metrics[key] = series;
                }

                series.Samples.Add(sample);
                series.LastPut = now;
            }

            return new JsonObject();
        });
    }

    private static (string, List<MetricDimension>, MetricSample) ReadDatum(JsonObject datum, string prefix, DateTimeOffset now)
    {
        var name = CloudWatchInput.Name(datum, "MetricName", prefix + ".MetricName");
        var dimensions = CloudWatchInput.Dimensions(datum, "Dimensions", prefix + ".Dimensions");
        var timestamp = CloudWatchInput.Time(datum, "Timestamp", prefix + ".Timestamp") ?? now;
        if (timestamp < now.AddDays(-14) || timestamp > now.AddHours(2))
        {
            // [guess] AWS's wording.
            throw CloudWatchErrors.InvalidParameterValue($"The parameter {prefix}.Timestamp must specify a time no more than two weeks in the past and no more than two hours in the future.");
        }

        var unit = CloudWatchInput.Unit(datum, "Unit", prefix + ".Unit") ?? "None";
        var resolution = CloudWatchInput.Int(datum, "StorageResolution", prefix + ".StorageResolution");
        if (resolution is not (null or 1 or 60))
        {
            throw CloudWatchErrors.InvalidValue(resolution.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), prefix + ".StorageResolution");
        }

        var value = CloudWatchInput.Double(datum, "Value", prefix + ".Value");
        var statistics = datum["StatisticValues"] as JsonObject;
        var values = datum["Values"] as JsonArray;
        var counts = datum["Counts"] as JsonArray;
        var given = new[] { (value is not null, "Value"), (statistics is not null, "StatisticValues"), (values is not null, "Values") }.Where(g => g.Item1).Select(g => g.Item2).ToList();
        if (given.Count > 1)
        {
            throw CloudWatchErrors.InvalidParameterCombination(
                $"The parameters {prefix}.{given[0]} and {prefix}.{given[1]} are mutually exclusive and you have specified both.");
        }

        if (statistics is not null)
        {
            var s = $"{prefix}.StatisticValues";
            var count = CloudWatchInput.Double(statistics, "SampleCount", s + ".SampleCount") ?? throw CloudWatchErrors.MissingParameter(s + ".SampleCount");
            var sum = CloudWatchInput.Double(statistics, "Sum", s + ".Sum") ?? throw CloudWatchErrors.MissingParameter(s + ".Sum");
            var min = CloudWatchInput.Double(statistics, "Minimum", s + ".Minimum") ?? throw CloudWatchErrors.MissingParameter(s + ".Minimum");
            var max = CloudWatchInput.Double(statistics, "Maximum", s + ".Maximum") ?? throw CloudWatchErrors.MissingParameter(s + ".Maximum");
            if (count <= 0 || min > max)
            {
                // [guess] AWS's wording.
                throw CloudWatchErrors.InvalidParameterValue($"The parameter {s} must have a positive SampleCount and a Minimum no greater than its Maximum.");
            }

            return (name, dimensions, new MetricSample(timestamp, unit, count, sum, min, max, null));
        }

        if (values is not null)
        {
            return (name, dimensions, FromValues(values, counts, prefix, timestamp, unit));
        }

        if (counts is not null)
        {
            throw CloudWatchErrors.InvalidParameterCombination($"The parameter {prefix}.Counts must be accompanied by {prefix}.Values.");
        }

        // [guess] A datum with no value at all: AWS requires one of the three.
        var single = value ?? throw CloudWatchErrors.InvalidParameterCombination($"At least one of the parameters {prefix}.Value, {prefix}.StatisticValues or {prefix}.Values must be specified.");
        return (name, dimensions, new MetricSample(timestamp, unit, 1, single, single, single, [(single, 1)]));
    }

    private static MetricSample FromValues(JsonArray values, JsonArray? counts, string prefix, DateTimeOffset timestamp, string unit)
    {
        if (values.Count is < 1 or > 150)
        {
            throw CloudWatchErrors.InvalidParameterValue($"The collection {prefix}.Values must have a size between 1 and 150.");
        }

        if (counts is not null && counts.Count != values.Count)
        {
            throw CloudWatchErrors.InvalidParameterValue($"The parameters {prefix}.Values and {prefix}.Counts must be of the same size.");
        }

        var weighted = new List<(double, double)>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var holder = new JsonObject { ["v"] = values[i]?.DeepClone(), ["c"] = counts?[i]?.DeepClone() };
            var value = CloudWatchInput.Double(holder, "v", $"{prefix}.Values.member.{i + 1}") ?? throw CloudWatchErrors.MissingParameter($"{prefix}.Values.member.{i + 1}");
            var count = CloudWatchInput.Double(holder, "c", $"{prefix}.Counts.member.{i + 1}") ?? 1;
            if (count < 0)
            {
                throw CloudWatchErrors.InvalidValue(count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{prefix}.Counts.member.{i + 1}");
            }

            weighted.Add((value, count));
        }

        var total = weighted.Sum(w => w.Item2);
        return new MetricSample(timestamp, unit, total, weighted.Sum(w => w.Item1 * w.Item2), weighted.Min(w => w.Item1), weighted.Max(w => w.Item1), weighted);
    }
}
