using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Logs;

/// <summary>boto3 against CloudWatch Logs: paging, batch rules, rejected events and AWS's errors. One Python process runs every scenario.</summary>
[Collection(EmulatorCollection.Name)]
public class LogsBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        logs = boto3.client("logs", endpoint_url=url, config=cfg)
        g = f"/boto/{run}"
        logs.create_log_group(logGroupName=g)
        logs.create_log_stream(logGroupName=g, logStreamName="a")
        logs.create_log_stream(logGroupName=g, logStreamName="b")
        now = int(time.time() * 1000)
        # Not in chronological order: accepted, read back sorted.
        logs.put_log_events(logGroupName=g, logStreamName="a", logEvents=[{"timestamp": now - 10 + i, "message": f"a{i}"} for i in (4, 0, 3, 1, 2)])
        logs.put_log_events(logGroupName=g, logStreamName="b", logEvents=[{"timestamp": now - 10 + i, "message": f"b{i}"} for i in range(5)])

        first = logs.get_log_events(logGroupName=g, logStreamName="a", startFromHead=True, limit=2)
        second = logs.get_log_events(logGroupName=g, logStreamName="a", startFromHead=True, limit=2, nextToken=first["nextForwardToken"])
        out["pages"] = [e["message"] for e in first["events"]] + [e["message"] for e in second["events"]]
        last = logs.get_log_events(logGroupName=g, logStreamName="a", limit=2)
        out["tail"] = [e["message"] for e in last["events"]]
        end = logs.get_log_events(logGroupName=g, logStreamName="a", startFromHead=True, nextToken=logs.get_log_events(logGroupName=g, logStreamName="a", startFromHead=True)["nextForwardToken"])
        out["end_same_token"] = end["nextForwardToken"] == logs.get_log_events(logGroupName=g, logStreamName="a", startFromHead=True)["nextForwardToken"]

        pager = logs.get_paginator("filter_log_events")
        out["filtered"] = [e["logStreamName"] + ":" + e["message"] for p in pager.paginate(logGroupName=g, PaginationConfig={"PageSize": 3}) for e in p["events"]]
        out["or_pattern"] = [e["message"] for e in logs.filter_log_events(logGroupName=g, filterPattern="?a1 ?b3")["events"]]
        out["time_range"] = [e["message"] for e in logs.filter_log_events(logGroupName=g, logStreamNames=["a"], startTime=now - 8, endTime=now - 7)["events"]]

        r = logs.put_log_events(logGroupName=g, logStreamName="a", logEvents=[{"timestamp": now - 15 * 86400000, "message": "old"}])
        out["rejected"] = r.get("rejectedLogEventsInfo")
        out["span"] = err(logs.put_log_events, logGroupName=g, logStreamName="a", logEvents=[
            {"timestamp": now - 86400001 - 5, "message": "x"}, {"timestamp": now, "message": "y"}])
        out["exists"] = err(logs.create_log_group, logGroupName=g)
        out["no_stream"] = err(logs.put_log_events, logGroupName=g, logStreamName="zzz", logEvents=[{"timestamp": now, "message": "x"}])
        out["bad_retention"] = err(logs.put_retention_policy, logGroupName=g, retentionInDays=2)
        out["bad_json_pattern"] = err(logs.filter_log_events, logGroupName=g, filterPattern="{ $.x IS NOT NULL }")

        logs.put_retention_policy(logGroupName=g, retentionInDays=1)
        out["after_retention"] = len(logs.filter_log_events(logGroupName=g)["events"])
        logs.delete_log_group(logGroupName=g)
        out["deleted"] = err(logs.describe_log_streams, logGroupName=g)
        """);

    [SkippableFact]
    public void Boto3_pages_a_stream_forward_and_from_the_tail()
    {
        var output = Output();

        Assert.Equal(["a0", "a1", "a2", "a3"], output["pages"]!.AsArray().Select(i => (string?)i));
        Assert.Equal(["a3", "a4"], output["tail"]!.AsArray().Select(i => (string?)i));
        Assert.True((bool)output["end_same_token"]!);
    }

    [SkippableFact]
    public void Boto3_filters_across_streams_in_timestamp_order_with_paging()
    {
        var output = Output();

        Assert.Equal(["a:a0", "b:b0", "a:a1", "b:b1", "a:a2", "b:b2", "a:a3", "b:b3", "a:a4", "b:b4"], output["filtered"]!.AsArray().Select(i => (string?)i));
        Assert.Equal(["a1", "b3"], output["or_pattern"]!.AsArray().Select(i => (string?)i));
        Assert.Equal(["a2"], output["time_range"]!.AsArray().Select(i => (string?)i));
    }

    [SkippableFact]
    public void Boto3_sees_a_too_old_event_rejected_and_nothing_stored()
    {
        var output = Output();

        Assert.Equal(0, (int)output["rejected"]!["tooOldLogEventEndIndex"]!);
        Assert.Equal(10, (int)output["after_retention"]!);
    }

    [SkippableFact]
    public void Boto3_gets_AWS_s_errors()
    {
        var output = Output();

        AssertError(output["span"], "InvalidParameterException", "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        AssertError(output["exists"], "ResourceAlreadyExistsException", "The specified log group already exists");
        AssertError(output["no_stream"], "ResourceNotFoundException", "The specified log stream does not exist.");
        AssertError(output["bad_retention"], "InvalidParameterException",
            "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
        AssertError(output["bad_json_pattern"], "InvalidParameterException", "Invalid filter pattern");
        AssertError(output["deleted"], "ResourceNotFoundException", "The specified log group does not exist.");
    }

    private static void AssertError(JsonNode? error, string code, string message)
    {
        Assert.Equal(code, (string?)error!["code"]);
        Assert.Equal(message, (string?)error["message"]);
        Assert.Equal(400, (int)error["status"]!);
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
