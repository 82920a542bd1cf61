using System.Text.Json.Nodes;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudWatch;

/// <summary>
/// CloudWatch metrics through our spec client in both protocols the service speaks (query, and awsJson1.0 with
/// query-compatible errors): the same calls give the same answers and the same error codes.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class CloudWatchProtocolTests(EmulatorFixture emulator)
{
    public static TheoryData<string> Protocols => ["query", "json"];

    private AwsClient Client(string protocol) => new(ServiceModels.Get("monitoring", protocol == "json" ? Protocol.Json : Protocol.Query)!, new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = SdkClients.Root,
        MaxErrorRetry = 0,
    });

    private static JsonObject Datum(string name, double value, DateTimeOffset at, string dimension) => new()
    {
        ["MetricName"] = name,
        ["Value"] = value,
        ["Timestamp"] = at.ToString("O"),
        ["Unit"] = "Count",
        ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "Stage", ["Value"] = dimension }),
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Published_values_come_back_through_GetMetricData_newest_first(string protocol)
    {
        using var cloudwatch = Client(protocol);
        var ns = $"Proto/{protocol}/{Guid.NewGuid():N}";
        var minute = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds() / 60 * 60);
        await cloudwatch.InvokeAsync("PutMetricData", new JsonObject
        {
            ["Namespace"] = ns,
            ["MetricData"] = new JsonArray(Datum("Errors", 1, minute.AddSeconds(5), "prod"), Datum("Errors", 4, minute.AddSeconds(65), "prod"), Datum("Errors", 100, minute.AddSeconds(5), "dev")),
        });

        var data = await cloudwatch.InvokeAsync("GetMetricData", new JsonObject
        {
            ["StartTime"] = minute.AddMinutes(-1).ToString("O"),
            ["EndTime"] = minute.AddMinutes(3).ToString("O"),
            ["MetricDataQueries"] = new JsonArray(new JsonObject
            {
                ["Id"] = "errors",
                ["MetricStat"] = new JsonObject
                {
                    ["Metric"] = new JsonObject { ["Namespace"] = ns, ["MetricName"] = "Errors", ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "Stage", ["Value"] = "prod" }) },
                    ["Period"] = 60,
                    ["Stat"] = "Sum",
                },
            }),
        });

        var result = data["MetricDataResults"]![0]!;
        Assert.Equal([4.0, 1.0], result["Values"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("Complete", (string?)result["StatusCode"]);
        Assert.Equal(2, result["Timestamps"]!.AsArray().Count);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task ListMetrics_filters_by_a_dimension_name_without_a_value(string protocol)
    {
        using var cloudwatch = Client(protocol);
        var ns = $"List/{protocol}/{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await cloudwatch.InvokeAsync("PutMetricData", new JsonObject
        {
            ["Namespace"] = ns,
            ["MetricData"] = new JsonArray(Datum("A", 1, now, "prod"), new JsonObject { ["MetricName"] = "B", ["Value"] = 2 }),
        });

        var listed = await cloudwatch.InvokeAsync("ListMetrics", new JsonObject
        {
            ["Namespace"] = ns,
            ["Dimensions"] = new JsonArray(new JsonObject { ["Name"] = "Stage" }),
        });

        Assert.Equal(["A"], listed["Metrics"]!.AsArray().Select(m => (string?)m!["MetricName"]));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Value_and_StatisticValues_together_are_refused_with_AWS_s_error(string protocol)
    {
        using var cloudwatch = Client(protocol);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => cloudwatch.InvokeAsync("PutMetricData", new JsonObject
        {
            ["Namespace"] = "Bad",
            ["MetricData"] = new JsonArray(new JsonObject
            {
                ["MetricName"] = "m",
                ["Value"] = 1,
                ["StatisticValues"] = new JsonObject { ["SampleCount"] = 1, ["Sum"] = 1, ["Minimum"] = 1, ["Maximum"] = 1 },
            }),
        }));

        Assert.Equal("InvalidParameterCombination", error.QueryErrorCode ?? error.Code);
        Assert.Equal("The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are mutually exclusive and you have specified both.", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Too_many_datapoints_are_refused_with_AWS_s_error(string protocol)
    {
        using var cloudwatch = Client(protocol);
        var end = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => cloudwatch.InvokeAsync("GetMetricStatistics", new JsonObject
        {
            ["Namespace"] = "Any",
            ["MetricName"] = "m",
            ["StartTime"] = end.AddSeconds(-60 * 1441).ToString("O"),
            ["EndTime"] = end.ToString("O"),
            ["Period"] = 60,
            ["Statistics"] = new JsonArray("Sum"),
        }));

        Assert.Equal("InvalidParameterCombination", error.QueryErrorCode ?? error.Code);
        Assert.Equal("You have requested up to 1,441 datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.", error.Message);
    }
}
