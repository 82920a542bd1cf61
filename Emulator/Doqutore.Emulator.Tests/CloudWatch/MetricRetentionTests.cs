using System.Text.Json.Nodes;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.CloudWatch;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.Emulator.Tests.CloudWatch;

/// <summary>CloudWatch's retention schedule on a fake clock: samples roll up as they age and go after 15 months.</summary>
public sealed class MetricRetentionTests
{
    private const string Account = "123456789012";
    private static readonly DateTimeOffset Ten = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Ten.AddMinutes(10));
    private readonly CloudWatchStore _store = new();
    private readonly CloudWatchProvider _cloudwatch;

    public MetricRetentionTests() => _cloudwatch = new CloudWatchProvider(_store, _clock);

    private RequestContext Context => new(new WireRequest(), "req", _clock.GetUtcNow()) { Principal = Principal.Root(Account, "AKIAEXAMPLE") };

    private void Put(string name, params (double Value, DateTimeOffset At)[] values) =>
        _cloudwatch.PutMetricData(Context, new JsonObject
        {
            ["Namespace"] = "App",
            ["MetricData"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["MetricName"] = name, ["Value"] = v.Value, ["Timestamp"] = v.At.ToString("O") })]),
        });

    private JsonArray Datapoints(string name, int period) => _cloudwatch.GetMetricStatistics(Context, new JsonObject
    {
        ["Namespace"] = "App",
        ["MetricName"] = name,
        ["StartTime"] = Ten.ToString("O"),
        ["EndTime"] = Ten.AddHours(1).ToString("O"),
        ["Period"] = period,
        ["Statistics"] = new JsonArray("SampleCount", "Sum", "Minimum", "Maximum"),
    })["Datapoints"]!.AsArray();

    private List<MetricSample> Samples(string name) =>
        _store.With(Account, Context.Region, state => state.Metrics.Values.Single(m => m.Name == name).Samples.ToList());

    [Fact]
    public void Samples_older_than_three_hours_are_rolled_up_to_one_minute_with_their_statistics_kept()
    {
        Put("m", (1, Ten.AddSeconds(10)), (3, Ten.AddSeconds(40)), (5, Ten.AddSeconds(70)));

        _clock.Advance(TimeSpan.FromHours(4));
        var points = Datapoints("m", 60);

        Assert.Equal([(Ten, 2), (Ten.AddMinutes(1), 1)], Samples("m").OrderBy(s => s.Timestamp).Select(s => (s.Timestamp, s.SampleCount)));
        var first = points.Single(p => p!["Timestamp"]!.GetValue<DateTimeOffset>() == Ten)!;
        Assert.Equal((2.0, 4.0, 1.0, 3.0), ((double)first["SampleCount"]!, (double)first["Sum"]!, (double)first["Minimum"]!, (double)first["Maximum"]!));
        Assert.Equal([(1.0, 1.0), (3.0, 1.0)], Samples("m").Single(s => s.Timestamp == Ten).Values!.OrderBy(v => v.Value));
    }

    [Fact]
    public void Samples_older_than_fifteen_days_are_rolled_up_to_five_minutes()
    {
        Put("m", (1, Ten.AddMinutes(1)), (2, Ten.AddMinutes(4)), (4, Ten.AddMinutes(6)));

        _clock.Advance(TimeSpan.FromDays(16));
        var sums = Datapoints("m", 300).Select(p => (double)p!["Sum"]!);

        Assert.Equal([3.0, 4.0], sums);
        Assert.Equal([Ten, Ten.AddMinutes(5)], Samples("m").Select(s => s.Timestamp).Order());
    }

    [Fact]
    public void Samples_older_than_sixty_three_days_are_rolled_up_to_one_hour()
    {
        Put("m", (1, Ten.AddMinutes(1)), (2, Ten.AddMinutes(59)));

        _clock.Advance(TimeSpan.FromDays(64));
        Datapoints("m", 3600);

        Assert.Equal([(Ten, 3.0)], Samples("m").Select(s => (s.Timestamp, s.Sum)));
    }

    [Fact]
    public void Samples_older_than_fifteen_months_are_dropped_and_a_metric_left_empty_goes()
    {
        Put("old", (1, Ten));
        _clock.Advance(TimeSpan.FromDays(455) - TimeSpan.FromMinutes(15));
        Put("recent", (2, _clock.GetUtcNow()));
        Assert.Single(Samples("old"));

        _clock.Advance(TimeSpan.FromMinutes(10));
        Put("recent", (3, _clock.GetUtcNow()));

        var names = _store.With(Account, Context.Region, state => state.Metrics.Values.Select(m => m.Name).ToList());
        Assert.Equal(["recent"], names);
        Assert.Empty(Datapoints("old", 3600));
    }

    [Fact]
    public void Recent_samples_stay_at_full_resolution()
    {
        Put("m", (1, Ten.AddSeconds(10)), (3, Ten.AddSeconds(40)));

        _clock.Advance(TimeSpan.FromHours(2));
        Datapoints("m", 60);

        Assert.Equal(2, Samples("m").Count);
    }
}
