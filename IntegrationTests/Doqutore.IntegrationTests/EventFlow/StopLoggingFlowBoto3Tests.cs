using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.EventFlow;

/// <summary>
/// The same end-to-end flow with boto3, in one Python process: a logging trail (its log bucket, with the CloudTrail
/// bucket policy, made before the script runs), a rule on StopLogging with an
/// SQS target guarded by aws:SourceArn, an IAM user allowed only cloudtrail:StopLogging stops logging, and the
/// queue holds the full event; LookupEvents finds the same record by its event id.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class StopLoggingFlowBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        root = dict(endpoint_url=url, config=cfg)
        ct, events, sqs, iam = (boto3.client(s, **root) for s in ("cloudtrail", "events", "sqs", "iam"))

        trail = f"b3-trail-{run}"
        trail_arn = ct.create_trail(Name=trail, S3BucketName="b3-flow-logs", IsMultiRegionTrail=True)["TrailARN"]
        ct.start_logging(Name=trail)
        pattern = {"source": ["aws.cloudtrail"], "detail-type": ["AWS API Call via CloudTrail"],
                   "detail": {"eventName": ["StopLogging"], "requestParameters": {"name": [trail, trail_arn]}}}
        rule_arn = events.put_rule(Name=f"b3-flow-{run}", EventPattern=json.dumps(pattern))["RuleArn"]
        q = sqs.create_queue(QueueName=f"b3-flow-{run}")["QueueUrl"]
        q_arn = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sqs.set_queue_attributes(QueueUrl=q, Attributes={"Policy": json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
            "Resource": q_arn, "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}]})})
        events.put_targets(Rule=f"b3-flow-{run}", Targets=[{"Id": "q", "Arn": q_arn}])

        user = f"b3-intruder-{run}"
        iam.create_user(UserName=user)
        iam.put_user_policy(UserName=user, PolicyName="only", PolicyDocument=json.dumps({"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "cloudtrail:StopLogging", "Resource": trail_arn}]}))
        key = iam.create_access_key(UserName=user)["AccessKey"]
        intruder = boto3.client("cloudtrail", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"], **root)
        intruder.stop_logging(Name=trail)

        bodies = []
        for _ in range(3):
            bodies += [m["Body"] for m in sqs.receive_message(QueueUrl=q, WaitTimeSeconds=10).get("Messages", [])]
            if bodies: break
        out["events"] = [json.loads(b) for b in bodies]
        out["key"] = key["AccessKeyId"]
        out["user"] = user
        out["trail"] = trail
        if bodies:
            found = ct.lookup_events(LookupAttributes=[{"AttributeKey": "EventId", "AttributeValue": out["events"][0]["detail"]["eventID"]}])["Events"]
            out["lookup"] = [json.loads(e["CloudTrailEvent"]) for e in found]
        """);

    [SkippableFact]
    public void An_IAM_user_stopping_logging_reaches_the_queue_as_the_full_CloudTrail_event_through_boto3()
    {
        var output = Scenario.Outcome(emulator, () => CloudTrailBuckets.CreateAsync(emulator, "b3-flow-logs", CloudTrailBuckets.TrailArn("b3-trail-*")).GetAwaiter().GetResult());

        var body = Assert.Single(output["events"]!.AsArray())!;
        var detail = body["detail"]!;
        Assert.Equal("AWS API Call via CloudTrail", (string?)body["detail-type"]);
        Assert.Equal("StopLogging", (string?)detail["eventName"]);
        Assert.Equal((string?)output["user"], (string?)detail["userIdentity"]!["userName"]);
        Assert.Equal((string?)output["key"], (string?)detail["userIdentity"]!["accessKeyId"]);
        Assert.Equal((string?)output["trail"], (string?)detail["requestParameters"]!["name"]);
        Assert.StartsWith("Boto3/", (string?)detail["userAgent"], StringComparison.Ordinal);
        var looked = Assert.Single(output["lookup"]!.AsArray())!;
        Assert.True(JsonNode.DeepEquals(detail, looked), $"LookupEvents returned {looked.ToJsonString()} for the delivered {detail.ToJsonString()}");
    }
}
