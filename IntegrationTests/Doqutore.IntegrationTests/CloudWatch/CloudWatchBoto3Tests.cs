using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudWatch;

/// <summary>boto3 against CloudWatch metrics: StatisticValues, percentiles, ListMetrics paging and AWS's errors. One Python process runs every scenario.</summary>
[Collection(EmulatorCollection.Name)]
public class CloudWatchBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        cw = boto3.client("cloudwatch", endpoint_url=url, config=cfg)
        ns = f"Boto/{run}"
        now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0) - datetime.timedelta(minutes=5)
        cw.put_metric_data(Namespace=ns, MetricData=[
            {"MetricName": "Duration", "Timestamp": now, "StatisticValues": {"SampleCount": 4, "Sum": 40, "Minimum": 1, "Maximum": 20}, "Unit": "Milliseconds"},
            {"MetricName": "Duration", "Timestamp": now + datetime.timedelta(seconds=30), "Value": 60, "Unit": "Milliseconds"}])
        s = cw.get_metric_statistics(Namespace=ns, MetricName="Duration", StartTime=now - datetime.timedelta(minutes=1),
            EndTime=now + datetime.timedelta(minutes=1), Period=60, Statistics=["SampleCount", "Sum", "Minimum", "Maximum", "Average"])
        out["stats"] = s["Datapoints"]
        cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": "Latency", "Timestamp": now, "Values": [float(v) for v in range(1, 101)]}])
        p = cw.get_metric_statistics(Namespace=ns, MetricName="Latency", StartTime=now, EndTime=now + datetime.timedelta(minutes=1), Period=60, ExtendedStatistics=["p50", "p99"])
        out["percentiles"] = p["Datapoints"][0]["ExtendedStatistics"]
        cw.put_metric_data(Namespace=ns, MetricData=[{"MetricName": f"M{i:03}", "Value": 1} for i in range(600)][:1000])
        pager = cw.get_paginator("list_metrics")
        pages = list(pager.paginate(Namespace=ns))
        out["pages"] = len(pages)
        out["listed"] = sum(len(p["Metrics"]) for p in pages)
        out["reserved"] = err(cw.put_metric_data, Namespace="AWS/Lambda", MetricData=[{"MetricName": "m", "Value": 1}])
        out["no_stats"] = err(cw.get_metric_statistics, Namespace=ns, MetricName="Duration", StartTime=now, EndTime=now + datetime.timedelta(minutes=1), Period=60)
        out["math"] = err(cw.get_metric_data, StartTime=now, EndTime=now + datetime.timedelta(minutes=1), MetricDataQueries=[{"Id": "e1", "Expression": "SUM(METRICS())"}])
        """);

    [SkippableFact]
    public void Boto3_reads_statistics_mixing_StatisticValues_and_values()
    {
        var point = Output()["stats"]![0]!;

        Assert.Equal(5.0, (double)point["SampleCount"]!);
        Assert.Equal(100.0, (double)point["Sum"]!);
        Assert.Equal(1.0, (double)point["Minimum"]!);
        Assert.Equal(60.0, (double)point["Maximum"]!);
        Assert.Equal(20.0, (double)point["Average"]!);
        Assert.Equal("Milliseconds", (string?)point["Unit"]);
    }

    [SkippableFact]
    public void Boto3_reads_percentiles_of_published_values()
    {
        var percentiles = Output()["percentiles"]!;

        Assert.Equal(50.0, (double)percentiles["p50"]!);
        Assert.Equal(99.0, (double)percentiles["p99"]!);
    }

    [SkippableFact]
    public void Boto3_pages_ListMetrics_500_at_a_time()
    {
        var output = Output();

        Assert.Equal(2, (int)output["pages"]!);
        Assert.Equal(602, (int)output["listed"]!);
    }

    [SkippableFact]
    public void Boto3_gets_AWS_s_errors_and_metric_math_is_refused_clearly()
    {
        var output = Output();

        Assert.Equal(("InvalidParameterValue", "The value AWS/Lambda for parameter Namespace is invalid."), ((string?)output["reserved"]!["code"], (string?)output["reserved"]!["message"]));
        Assert.Equal(("InvalidParameterCombination", "At least one of the parameters Statistics and ExtendedStatistics must be specified."), ((string?)output["no_stats"]!["code"], (string?)output["no_stats"]!["message"]));
        Assert.Equal("InvalidParameterValue", (string?)output["math"]!["code"]);
        Assert.Contains("not supported by the Doqutore emulator", (string?)output["math"]!["message"], StringComparison.Ordinal);
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
