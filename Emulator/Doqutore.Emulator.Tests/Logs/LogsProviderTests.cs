using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.Logs;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.Emulator.Tests.Logs;

/// <summary>The CloudWatch Logs provider and sink on a fake clock: retention, batch rules, the sink.</summary>
public sealed class LogsProviderTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LogsStore _store = new();
    private readonly LogsProvider _logs;
    private readonly RequestContext _context;

    public LogsProviderTests()
    {
        _logs = new LogsProvider(_store, _clock);
        _context = new RequestContext(new WireRequest(), "req", _clock.GetUtcNow()) { Principal = Principal.Root("123456789012", "AKIAEXAMPLE") };
        _logs.CreateLogGroup(_context, new JsonObject { ["logGroupName"] = "g" });
        _logs.CreateLogStream(_context, new JsonObject { ["logGroupName"] = "g", ["logStreamName"] = "s" });
    }

    private long Now => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private JsonObject Put(params (long Timestamp, string Message)[] events) => _logs.PutLogEvents(_context, new JsonObject
    {
        ["logGroupName"] = "g",
        ["logStreamName"] = "s",
        ["logEvents"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject { ["timestamp"] = e.Timestamp, ["message"] = e.Message })]),
    });

    private List<string> Messages() => [.. _logs.GetLogEvents(_context, new JsonObject { ["logGroupName"] = "g", ["logStreamName"] = "s", ["startFromHead"] = true })["events"]!
        .AsArray().Select(e => (string)e!["message"]!)];

    [Fact]
    public void Events_older_than_the_retention_period_disappear_as_time_passes()
    {
        _logs.PutRetentionPolicy(_context, new JsonObject { ["logGroupName"] = "g", ["retentionInDays"] = 1 });
        Put((Now - 3_600_000, "older"), (Now, "newer"));

        _clock.Advance(TimeSpan.FromHours(23.5));

        Assert.Equal(["newer"], Messages());
    }

    [Fact]
    public void Deleting_the_retention_policy_keeps_events_again()
    {
        _logs.PutRetentionPolicy(_context, new JsonObject { ["logGroupName"] = "g", ["retentionInDays"] = 1 });
        _logs.DeleteRetentionPolicy(_context, new JsonObject { ["logGroupName"] = "g" });
        Put((Now, "kept"));

        _clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(["kept"], Messages());
    }

    [Fact]
    public void Events_more_than_two_hours_ahead_are_rejected_from_their_first_index()
    {
        var output = Put((Now, "now"), (Now + 7_300_000, "future"));

        Assert.Equal(1, (int)output["rejectedLogEventsInfo"]!["tooNewLogEventStartIndex"]!);
        Assert.Equal(["now"], Messages());
    }

    [Fact]
    public void Events_older_than_the_retention_period_are_reported_as_expired()
    {
        _logs.PutRetentionPolicy(_context, new JsonObject { ["logGroupName"] = "g", ["retentionInDays"] = 1 });

        var output = Put((Now - 86_401_000, "expired"), (Now - 7_200_000, "kept"));

        Assert.Equal(0, (int)output["rejectedLogEventsInfo"]!["expiredLogEventEndIndex"]!);
        Assert.Equal(["kept"], Messages());
    }

    [Fact]
    public void A_batch_of_more_than_10000_events_is_refused()
    {
        var events = Enumerable.Range(0, 10_001).Select(i => (Now, "m")).ToArray();

        var error = Assert.Throws<AwsServiceException>(() => Put(events));

        Assert.Equal(("InvalidParameterException", "1 validation error detected: Value '[...]' at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000"),
            (error.Code, error.Message));
    }

    [Fact]
    public void A_batch_over_one_MiB_is_refused()
    {
        var big = new string('x', 200_000);

        var error = Assert.Throws<AwsServiceException>(() => Put([.. Enumerable.Range(0, 6).Select(_ => (Now, big))]));

        Assert.Equal(("InvalidParameterException", "Upload too large: 1200156 bytes exceeds limit of 1048576"), (error.Code, error.Message));
    }

    [Fact]
    public void Events_out_of_order_are_stored_in_timestamp_order()
    {
        Put((Now, "second"), (Now - 5, "first"));

        Assert.Equal(["first", "second"], Messages());
    }

    [Fact]
    public void The_sink_creates_the_group_and_stream_it_writes_to()
    {
        var sink = new LogsSink(_store, _clock);

        sink.Append("123456789012", "us-east-1", "/aws/lambda/fn", "2026/03/01/[$LATEST]abc", [new LogLine(_clock.GetUtcNow(), "START RequestId: 1")]);

        var events = _logs.FilterLogEvents(_context, new JsonObject { ["logGroupName"] = "/aws/lambda/fn", ["filterPattern"] = "START" })["events"]!.AsArray();
        Assert.Equal(("2026/03/01/[$LATEST]abc", "START RequestId: 1"), ((string)events[0]!["logStreamName"]!, (string)events[0]!["message"]!));
    }

    [Fact]
    public void A_second_group_with_the_same_name_is_refused()
    {
        var error = Assert.Throws<AwsServiceException>(() => _logs.CreateLogGroup(_context, new JsonObject { ["logGroupName"] = "g" }));

        Assert.Equal(("ResourceAlreadyExistsException", "The specified log group already exists"), (error.Code, error.Message));
    }

    [Fact]
    public void A_group_name_outside_AWS_s_pattern_is_refused()
    {
        var error = Assert.Throws<AwsServiceException>(() => _logs.CreateLogGroup(_context, new JsonObject { ["logGroupName"] = "bad name" }));

        Assert.Equal("1 validation error detected: Value 'bad name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+", error.Message);
    }

    [Fact]
    public void Ordering_streams_by_last_event_time_with_a_prefix_is_refused()
    {
        var error = Assert.Throws<AwsServiceException>(() => _logs.DescribeLogStreams(_context,
            new JsonObject { ["logGroupName"] = "g", ["orderBy"] = "LastEventTime", ["logStreamNamePrefix"] = "s" }));

        Assert.Equal(("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix."), (error.Code, error.Message));
    }
}
