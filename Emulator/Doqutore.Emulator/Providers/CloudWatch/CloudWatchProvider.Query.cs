using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>GetMetricStatistics, GetMetricData and ListMetrics.</summary>
public sealed partial class CloudWatchProvider
{
    public JsonObject GetMetricStatistics(RequestContext context, JsonObject input)
    {
        var metricNamespace = CloudWatchInput.Name(input, "Namespace", "Namespace");
        var name = CloudWatchInput.Name(input, "MetricName", "MetricName");
        var dimensions = CloudWatchInput.Dimensions(input, "Dimensions", "Dimensions");
        var start = CloudWatchInput.Time(input, "StartTime", "StartTime") ?? throw CloudWatchErrors.MissingParameter("StartTime");
        var end = CloudWatchInput.Time(input, "EndTime", "EndTime") ?? throw CloudWatchErrors.MissingParameter("EndTime");
        var period = CloudWatchInput.Int(input, "Period", "Period");
        CheckPeriod(period, "Period");
        CheckRange(start, end);
        var unit = CloudWatchInput.Unit(input, "Unit", "Unit");
        var statistics = Strings(input, "Statistics");
        var extended = Strings(input, "ExtendedStatistics");
        if (statistics.Count == 0 && extended.Count == 0)
        {
            throw CloudWatchErrors.InvalidParameterCombination("At least one of the parameters Statistics and ExtendedStatistics must be specified.");
        }

        if (statistics.Count > 0 && extended.Count > 0)
        {
            // [guess] AWS's wording (the API reference: "either Statistics or ExtendedStatistics, but not both").
            throw CloudWatchErrors.InvalidParameterCombination("The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.");
        }

        if (statistics.Count > 5 || extended.Count > 10)
        {
            // [guess] AWS's wording.
            throw CloudWatchErrors.InvalidParameterValue(statistics.Count > 5
                ? "The collection Statistics must not have a size greater than 5."
                : "The collection ExtendedStatistics must not have a size greater than 10.");
        }

        for (var i = 0; i < statistics.Count; i++)
        {
            if (Array.IndexOf(MetricStatistics.Basic, statistics[i]) < 0)
            {
                throw CloudWatchErrors.InvalidValue(statistics[i], $"Statistics.member.{i + 1}");
            }
        }

        for (var i = 0; i < extended.Count; i++)
        {
            if (!MetricStatistics.IsPercentile(extended[i]))
            {
                throw CloudWatchErrors.InvalidValue(extended[i], $"ExtendedStatistics.member.{i + 1}");
            }
        }

        var requested = (long)Math.Ceiling((end - start).TotalSeconds / period!.Value);
        if (requested > MaxDatapointsPerCall)
        {
            throw CloudWatchErrors.InvalidParameterCombination(
                $"You have requested up to {requested.ToString("N0", CultureInfo.InvariantCulture)} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
        }

        return With(context, state =>
        {
            var datapoints = new JsonArray();
            if (state.Metrics.TryGetValue(MetricSeries.Key(metricNamespace, name, dimensions), out var series))
            {
                var samples = series.Samples.Where(s => unit is null || s.Unit == unit);
                foreach (var (bucket, inBucket) in Buckets(samples, start, end, period.Value))
                {
                    var stats = new MetricStatistics(inBucket);
                    var point = new JsonObject { ["Timestamp"] = JsonValue.Create(bucket) };
                    foreach (var statistic in statistics)
                    {
                        point[statistic] = stats.Get(statistic);
                    }

                    if (extended.Count > 0)
                    {
                        var percentiles = new JsonObject();
                        foreach (var statistic in extended)
                        {
                            if (stats.Get(statistic) is { } value)
                            {
                                percentiles[statistic] = value;
                            }
                        }

                        point["ExtendedStatistics"] = percentiles;
                    }

                    point["Unit"] = unit ?? inBucket[0].Unit;
                    datapoints.Add(point);
                }
            }

            return new JsonObject { ["Label"] = name, ["Datapoints"] = datapoints };
        });
    }

    public JsonObject GetMetricData(RequestContext context, JsonObject input)
    {
        var queries = input["MetricDataQueries"] as JsonArray ?? throw CloudWatchErrors.MissingParameter("MetricDataQueries");
        if (queries.Count is < 1 or > 500)
        {
            throw CloudWatchErrors.InvalidParameterValue("The collection MetricDataQueries must have a size between 1 and 500.");
        }

        var start = CloudWatchInput.Time(input, "StartTime", "StartTime") ?? throw CloudWatchErrors.MissingParameter("StartTime");
        var end = CloudWatchInput.Time(input, "EndTime", "EndTime") ?? throw CloudWatchErrors.MissingParameter("EndTime");
        CheckRange(start, end);
        var scanBy = CloudWatchInput.Optional(input, "ScanBy") ?? "TimestampDescending";
        if (scanBy is not ("TimestampDescending" or "TimestampAscending"))
        {
            throw CloudWatchErrors.InvalidValue(scanBy, "ScanBy");
        }

        var parsed = new List<DataQuery>();
        for (var i = 0; i < queries.Count; i++)
        {
            parsed.Add(ReadQuery(queries[i] as JsonObject ?? [], $"MetricDataQueries.member.{i + 1}"));
        }

        if (parsed.GroupBy(q => q.Id).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            // [guess] AWS's wording.
            throw CloudWatchErrors.InvalidParameterValue($"The values for parameter id in MetricDataQueries are not unique: {duplicate.Key}.");
        }

        var maxDatapoints = CloudWatchInput.Int(input, "MaxDatapoints", "MaxDatapoints") ?? 100_800;
        if (maxDatapoints < 1)
        {
            throw CloudWatchErrors.InvalidValue(maxDatapoints.ToString(CultureInfo.InvariantCulture), "MaxDatapoints");
        }

        var from = ReadToken(CloudWatchInput.Optional(input, "NextToken"));
        var computed = With(context, state => parsed.Where(q => q.ReturnData).Select(q => (Query: q, Points: Points(state, q, start, end, scanBy))).ToList());

        // Paging counts datapoints across the queries in order: a page holds at most MaxDatapoints of them, and a
        // query cut short says PartialData, as AWS does.
        var results = new JsonArray();
        var skip = from;
        var room = maxDatapoints;
        foreach (var (query, points) in computed)
        {
            var skipped = Math.Min(skip, points.Count);
            skip -= skipped;
            var page = points.Skip(skipped).Take(room).ToList();
            room -= page.Count;
            results.Add(new JsonObject
            {
                ["Id"] = query.Id,
                ["Label"] = query.Label ?? query.MetricName,
                ["Timestamps"] = new JsonArray([.. page.Select(p => (JsonNode)JsonValue.Create(p.Time))]),
                ["Values"] = new JsonArray([.. page.Select(p => (JsonNode)JsonValue.Create(p.Value))]),
                ["StatusCode"] = skipped + page.Count < points.Count ? "PartialData" : "Complete",
            });
        }

        var output = new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() };
        var total = computed.Sum(c => c.Points.Count);
        if (from + maxDatapoints < total)
        {
            output["NextToken"] = Token(from + maxDatapoints);
        }

        return output;
    }

    private static List<(DateTimeOffset Time, double Value)> Points(CloudWatchRegion state, DataQuery query, DateTimeOffset start, DateTimeOffset end, string scanBy)
    {
        var points = new List<(DateTimeOffset Time, double Value)>();
        if (state.Metrics.TryGetValue(MetricSeries.Key(query.Namespace, query.MetricName, query.Dimensions), out var series))
        {
            var samples = series.Samples.Where(s => query.Unit is null || s.Unit == query.Unit);
            foreach (var (bucket, inBucket) in Buckets(samples, start, end, query.Period))
            {
                if (new MetricStatistics(inBucket).Get(query.Stat) is { } value)
                {
                    points.Add((bucket, value));
                }
            }
        }

        if (scanBy == "TimestampDescending")
        {
            points.Reverse();
        }

        return points;
    }

    private sealed record DataQuery(string Id, bool ReturnData, string? Label, string Namespace, string MetricName, List<MetricDimension> Dimensions, int Period, string Stat, string? Unit);

    private static DataQuery ReadQuery(JsonObject query, string prefix)
    {
        var id = CloudWatchInput.Name(query, "Id", prefix + ".Id");
        if (!QueryIdRegex().IsMatch(id))
        {
            // [guess] AWS's wording.
            throw CloudWatchErrors.InvalidParameterValue($"The value {id} for parameter {prefix}.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.");
        }

        var returnData = query["ReturnData"] is not JsonValue flag || !flag.TryGetValue<bool>(out var b) || b;
        var label = CloudWatchInput.Optional(query, "Label");
        if (CloudWatchInput.Optional(query, "Expression") is not null)
        {
            if (query["MetricStat"] is not null)
            {
                throw CloudWatchErrors.InvalidParameterCombination($"The parameters {prefix}.MetricStat and {prefix}.Expression are mutually exclusive and you have specified both.");
            }

            // An emulator limit, not AWS behaviour: metric math is not evaluated here.
            throw CloudWatchErrors.InvalidParameterValue($"Metric math expressions ({prefix}.Expression) are not supported by the Doqutore emulator; use MetricStat queries.");
        }

        var stat = query["MetricStat"] as JsonObject
            ?? throw CloudWatchErrors.InvalidParameterCombination($"Exactly one of the parameters {prefix}.MetricStat and {prefix}.Expression must be specified.");
        var metric = stat["Metric"] as JsonObject ?? throw CloudWatchErrors.MissingParameter(prefix + ".MetricStat.Metric");
        var period = CloudWatchInput.Int(stat, "Period", prefix + ".MetricStat.Period");
        CheckPeriod(period, prefix + ".MetricStat.Period");
        var statistic = CloudWatchInput.Required(stat, "Stat", prefix + ".MetricStat.Stat");
        if (Array.IndexOf(MetricStatistics.Basic, statistic) < 0 && !MetricStatistics.IsPercentile(statistic))
        {
            throw CloudWatchErrors.InvalidValue(statistic, prefix + ".MetricStat.Stat");
        }

        return new DataQuery(id, returnData, label,
            CloudWatchInput.Name(metric, "Namespace", prefix + ".MetricStat.Metric.Namespace"),
            CloudWatchInput.Name(metric, "MetricName", prefix + ".MetricStat.Metric.MetricName"),
            CloudWatchInput.Dimensions(metric, "Dimensions", prefix + ".MetricStat.Metric.Dimensions"),
            period!.Value, statistic, CloudWatchInput.Unit(stat, "Unit", prefix + ".MetricStat.Unit"));
    }

    /// <summary>ListMetrics: filters by namespace, name and dimensions (a filter without a value matches any value); 500 per page.</summary>
    public JsonObject ListMetrics(RequestContext context, JsonObject input)
    {
        var metricNamespace = CloudWatchInput.Optional(input, "Namespace");
        var name = CloudWatchInput.Optional(input, "MetricName");
        var filters = CloudWatchInput.Dimensions(input, "Dimensions", "Dimensions", valueRequired: false);
        if (filters.Count > 10)
        {
            throw CloudWatchErrors.InvalidParameterValue("The collection Dimensions must not have a size greater than 10.");
        }

        var recentlyActive = CloudWatchInput.Optional(input, "RecentlyActive");
        if (recentlyActive is not (null or "PT3H"))
        {
            throw CloudWatchErrors.InvalidValue(recentlyActive, "RecentlyActive");
        }

        var from = ReadToken(CloudWatchInput.Optional(input, "NextToken"));
        var now = clock.GetUtcNow();
        return With(context, state =>
        {
            var matching = state.Metrics.Values
                .Where(m => metricNamespace is null || m.Namespace == metricNamespace)
                .Where(m => name is null || m.Name == name)
                .Where(m => filters.TrueForAll(f => m.Dimensions.Any(d => d.Name == f.Name && (f.Value is null || d.Value == f.Value))))
                .Where(m => recentlyActive is null || m.LastPut >= now.AddHours(-3))
                .ToList();
            const int pageSize = 500;
            var output = new JsonObject
            {
                ["Metrics"] = new JsonArray([.. matching.Skip(from).Take(pageSize).Select(m => (JsonNode)new JsonObject
                {
                    ["Namespace"] = m.Namespace,
                    ["MetricName"] = m.Name,
                    ["Dimensions"] = CloudWatchInput.DimensionsJson(m.Dimensions),
                })]),
            };
            if (from + pageSize < matching.Count)
            {
                output["NextToken"] = Token(from + pageSize);
            }

            return output;
        });
    }

    private static List<string> Strings(JsonObject input, string member) =>
        [.. (input[member] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty)];

    [GeneratedRegex("^[a-z][a-zA-Z0-9_]*$")]
    private static partial Regex QueryIdRegex();
}
