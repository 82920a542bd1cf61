using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudWatch;

/// <summary>Debian's AWS CLI <c>cloudwatch</c> commands: publish, read statistics and data, list, and AWS's errors.</summary>
[Collection(EmulatorCollection.Name)]
public class CloudWatchCliTests(EmulatorFixture emulator)
{
    [SkippableFact]
    public void The_CLI_publishes_and_reads_back_statistics()
    {
        ExternalTool.RequireAwsCli();
        var cli = new AwsCli(emulator);
        var ns = "Cli/" + AwsCli.Unique("ns");
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var minute = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);
        var time = minute.AddSeconds(10).ToString("yyyy-MM-ddTHH:mm:ssZ");
        cli.Ok("cloudwatch", "put-metric-data", "--namespace", ns, "--metric-data",
            $"[{{\"MetricName\":\"Latency\",\"Dimensions\":[{{\"Name\":\"Fn\",\"Value\":\"a\"}}],\"Timestamp\":\"{time}\",\"Values\":[10,20,30],\"Counts\":[1,1,2],\"Unit\":\"Milliseconds\"}}]");

        var stats = cli.Json("cloudwatch", "get-metric-statistics", "--namespace", ns, "--metric-name", "Latency", "--dimensions", "Name=Fn,Value=a",
            "--start-time", minute.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"), "--end-time", minute.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            "--period", "60", "--statistics", "Sum", "Maximum", "SampleCount", "Average");
        var listed = cli.Json("cloudwatch", "list-metrics", "--namespace", ns);

        var point = stats["Datapoints"]![0]!;
        Assert.Equal(90.0, (double)point["Sum"]!);
        Assert.Equal(30.0, (double)point["Maximum"]!);
        Assert.Equal(4.0, (double)point["SampleCount"]!);
        Assert.Equal(22.5, (double)point["Average"]!);
        Assert.Equal("Milliseconds", (string?)point["Unit"]);
        Assert.Equal("Latency", (string?)listed["Metrics"]![0]!["MetricName"]);
        Assert.Equal("a", (string?)listed["Metrics"]![0]!["Dimensions"]![0]!["Value"]);
    }

    [SkippableFact]
    public void The_CLI_shows_a_reserved_namespace_refused()
    {
        ExternalTool.RequireAwsCli();

        var error = new AwsCli(emulator).Error("cloudwatch", "put-metric-data", "--namespace", "AWS/EC2", "--metric-name", "m", "--value", "1");

        Assert.Contains("An error occurred (InvalidParameterValue) when calling the PutMetricData operation: The value AWS/EC2 for parameter Namespace is invalid.", error, StringComparison.Ordinal);
    }
}
