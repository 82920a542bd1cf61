using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.CloudWatch;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.Emulator.Tests.CloudWatch;

/// <summary>The CloudWatch metrics provider on a fake clock: aggregation, percentiles, paging and AWS's validation.</summary>
public sealed class CloudWatchProviderTests
{
    private static readonly DateTimeOffset Minute = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Minute.AddMinutes(30));
    private readonly CloudWatchProvider _cloudwatch;
    private readonly RequestContext _context;

    public CloudWatchProviderTests()
    {
        _cloudwatch = new CloudWatchProvider(new CloudWatchStore(), _clock);
        _context = new RequestContext(new WireRequest(), "req", _clock.GetUtcNow()) { Principal = Principal.Root("123456789012", "AKIAEXAMPLE") };
    }

    private void Put(params JsonObject[] data) =>
        _cloudwatch.PutMetricData(_context, new JsonObject { ["Namespace"] = "App", ["MetricData"] = new JsonArray([.. data]) });

    private static JsonObject Value(double value, DateTimeOffset at, string name = "m") => new() { ["MetricName"] = name, ["Value"] = value, ["Timestamp"] = at.ToString("O") };

    private JsonObject Statistics(int period, params string[] statistics) => _cloudwatch.GetMetricStatistics(_context, new JsonObject
    {
        ["Namespace"] = "App",
        ["MetricName"] = "m",
        ["StartTime"] = Minute.ToString("O"),
        ["EndTime"] = Minute.AddMinutes(10).ToString("O"),
        ["Period"] = period,
        ["Statistics"] = new JsonArray([.. statistics.Select(s => (JsonNode)s)]),
    });

    private static AwsServiceException Refused(Action action) => Assert.Throws<AwsServiceException>(action);

    [Fact]
    public void Samples_fall_into_buckets_aligned_to_the_period()
    {
        Put(Value(1, Minute.AddSeconds(59)), Value(2, Minute.AddSeconds(60)), Value(3, Minute.AddSeconds(119)));

        var points = Statistics(60, "Sum")["Datapoints"]!.AsArray();

        Assert.Equal([1.0, 5.0], points.Select(p => (double)p!["Sum"]!));
        Assert.Equal(Minute.AddMinutes(1), points[1]!["Timestamp"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public void Dimensions_given_in_another_order_name_the_same_metric()
    {
        var first = Value(1, Minute);
        first["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "A", ["Value"] = "1" }, new JsonObject { ["Name"] = "B", ["Value"] = "2" });
        var second = Value(2, Minute);
        second["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "B", ["Value"] = "2" }, new JsonObject { ["Name"] = "A", ["Value"] = "1" });
        Put(first, second);

        var listed = _cloudwatch.ListMetrics(_context, new JsonObject { ["Namespace"] = "App" })["Metrics"]!.AsArray();

        Assert.Single(listed);
    }

    [Fact]
    public void Values_with_counts_weigh_percentiles()
    {
        Put(new JsonObject { ["MetricName"] = "m", ["Timestamp"] = Minute.ToString("O"), ["Values"] = new JsonArray(1.0, 100.0), ["Counts"] = new JsonArray(99.0, 1.0) });

        var point = _cloudwatch.GetMetricStatistics(_context, new JsonObject
        {
            ["Namespace"] = "App",
            ["MetricName"] = "m",
            ["StartTime"] = Minute.ToString("O"),
            ["EndTime"] = Minute.AddMinutes(1).ToString("O"),
            ["Period"] = 60,
            ["ExtendedStatistics"] = new JsonArray("p99", "p100"),
        })["Datapoints"]![0]!;

        Assert.Equal((1.0, 100.0), ((double)point["ExtendedStatistics"]!["p99"]!, (double)point["ExtendedStatistics"]!["p100"]!));
    }

    [Fact]
    public void GetMetricData_pages_by_MaxDatapoints_and_marks_the_cut_query_partial()
    {
        Put(Value(1, Minute), Value(2, Minute.AddMinutes(1)), Value(3, Minute.AddMinutes(2)));
        JsonObject Request(string? token)
        {
            var request = new JsonObject
            {
                ["StartTime"] = Minute.ToString("O"),
                ["EndTime"] = Minute.AddMinutes(5).ToString("O"),
                ["MaxDatapoints"] = 2,
                ["ScanBy"] = "TimestampAscending",
                ["MetricDataQueries"] = new JsonArray(new JsonObject
                {
                    ["Id"] = "q",
                    ["MetricStat"] = new JsonObject { ["Metric"] = new JsonObject { ["Namespace"] = "App", ["MetricName"] = "m" }, ["Period"] = 60, ["Stat"] = "Maximum" },
                }),
            };
            if (token is not null)
            {
                request["NextToken"] = token;
            }

            return _cloudwatch.GetMetricData(_context, request);
        }

        var first = Request(null);
        var second = Request((string)first["NextToken"]!);

        Assert.Equal([1.0, 2.0], first["MetricDataResults"]![0]!["Values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("PartialData", (string?)first["MetricDataResults"]![0]!["StatusCode"]);
        Assert.Equal([3.0], second["MetricDataResults"]![0]!["Values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("Complete", (string?)second["MetricDataResults"]![0]!["StatusCode"]);
        Assert.Null(second["NextToken"]);
    }

    [Fact]
    public void A_period_that_is_not_a_multiple_of_60_is_refused()
    {
        var error = Refused(() => Statistics(90, "Sum"));

        Assert.Equal(("InvalidParameterValue", "The parameter Period must be 1, 5, 10, 30, or a multiple of 60."), (error.QueryErrorCode, error.Message));
    }

    [Fact]
    public void A_timestamp_more_than_two_weeks_old_is_refused()
    {
        var error = Refused(() => Put(Value(1, _clock.GetUtcNow().AddDays(-15))));

        Assert.Equal("InvalidParameterValue", error.QueryErrorCode);
    }

    [Fact]
    public void NaN_is_refused()
    {
        var error = Refused(() => Put(new JsonObject { ["MetricName"] = "m", ["Value"] = "NaN" }));

        Assert.Equal(("InvalidParameterValue", "The value NaN for parameter MetricData.member.1.Value is invalid."), (error.QueryErrorCode, error.Message));
    }

    [Fact]
    public void Values_and_counts_of_different_sizes_are_refused()
    {
        var error = Refused(() => Put(new JsonObject { ["MetricName"] = "m", ["Values"] = new JsonArray(1.0, 2.0), ["Counts"] = new JsonArray(1.0) }));

        Assert.Equal("The parameters MetricData.member.1.Values and MetricData.member.1.Counts must be of the same size.", error.Message);
    }

    [Fact]
    public void A_missing_metric_name_is_a_missing_parameter()
    {
        var error = Refused(() => Put(new JsonObject { ["Value"] = 1 }));

        Assert.Equal(("MissingParameter", "The parameter MetricData.member.1.MetricName is required."), (error.QueryErrorCode, error.Message));
    }

    [Fact]
    public void An_unknown_unit_is_refused()
    {
        var error = Refused(() => Put(new JsonObject { ["MetricName"] = "m", ["Value"] = 1, ["Unit"] = "Furlongs" }));

        Assert.Equal("InvalidParameterValue", error.QueryErrorCode);
    }
}
