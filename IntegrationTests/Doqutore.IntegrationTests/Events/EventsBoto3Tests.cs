using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Events;

/// <summary>EventBridge through boto3: one Python process runs the scenario, each test asserts one outcome.</summary>
[Collection(EmulatorCollection.Name)]
public class EventsBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        events = boto3.client("events", endpoint_url=url, config=cfg)
        sqs = boto3.client("sqs", endpoint_url=url, config=cfg)

        rule = f"b3-{run}"
        pattern = json.dumps({"source": [f"com.b3.{run}"], "detail": {"level": [{"prefix": "crit"}]}})
        rule_arn = events.put_rule(Name=rule, EventPattern=pattern)["RuleArn"]
        q = sqs.create_queue(QueueName=f"b3q-{run}")["QueueUrl"]
        q_arn = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sqs.set_queue_attributes(QueueUrl=q, Attributes={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
            "Resource": q_arn, "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}]})})
        out["put_targets"] = events.put_targets(Rule=rule, Targets=[{"Id": "q", "Arn": q_arn}])["FailedEntryCount"]
        put = events.put_events(Entries=[
            {"Source": f"com.b3.{run}", "DetailType": "Alert", "Detail": json.dumps({"level": "info"})},
            {"Source": f"com.b3.{run}", "DetailType": "Alert", "Detail": json.dumps({"level": "critical"})}])
        out["event_ids"] = [e.get("EventId") for e in put["Entries"]]
        bodies = []
        for _ in range(3):
            r = sqs.receive_message(QueueUrl=q, WaitTimeSeconds=5, MaxNumberOfMessages=10)
            bodies += [json.loads(m["Body"]) for m in r.get("Messages", [])]
            if bodies: break
        bodies += [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1).get("Messages", [])]
        out["bodies"] = bodies
        ev = {"id": "1", "account": "000000000000", "source": f"com.b3.{run}", "time": "2024-01-01T00:00:00Z",
              "region": "us-east-1", "resources": [], "detail-type": "Alert", "detail": {"level": "critical"}}
        out["test_match"] = events.test_event_pattern(EventPattern=pattern, Event=json.dumps(ev))["Result"]
        out["invalid_pattern"] = err(events.put_rule, Name=f"bad-{run}", EventPattern='{"source": [{"prefix": 5}]}')
        out["targets"] = [t["Id"] for t in events.list_targets_by_rule(Rule=rule)["Targets"]]
        out["rule_names_by_target"] = events.list_rule_names_by_target(TargetArn=q_arn)["RuleNames"]
        events.tag_resource(ResourceARN=rule_arn, Tags=[{"Key": "team", "Value": "ir"}])
        out["tags"] = events.list_tags_for_resource(ResourceARN=rule_arn)["Tags"]
        """);

    private JsonObject Out() => Scenario.Outcome(emulator);

    [SkippableFact]
    public void Boto3_routes_the_matching_event_to_the_queue_and_only_that_one()
    {
        var output = Out();

        var body = Assert.Single(output["bodies"]!.AsArray())!;
        Assert.Equal(0, output["put_targets"]!.GetValue<int>());
        Assert.Equal(output["event_ids"]![1]!.GetValue<string>(), body["id"]!.GetValue<string>());
        Assert.Equal("critical", body["detail"]!["level"]!.GetValue<string>());
        Assert.Equal("Alert", body["detail-type"]!.GetValue<string>());
        Assert.True(output["test_match"]!.GetValue<bool>());
        Assert.Equal("q", Assert.Single(output["targets"]!.AsArray())!.GetValue<string>());
        Assert.Single(output["rule_names_by_target"]!.AsArray());
        Assert.Equal("ir", output["tags"]![0]!["Value"]!.GetValue<string>());
    }

    [SkippableFact]
    public void Boto3_sees_aws_error_for_an_invalid_pattern()
    {
        var invalid = Out()["invalid_pattern"]!;

        Assert.Equal("InvalidEventPatternException", invalid["code"]!.GetValue<string>());
        Assert.StartsWith("Event pattern is not valid. Reason: ", invalid["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
