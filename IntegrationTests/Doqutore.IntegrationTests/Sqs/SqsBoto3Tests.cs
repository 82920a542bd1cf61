using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>
/// boto3 (Debian's python3-boto3; its botocore speaks json to SQS, from a model before MessageSystemAttributeNames) on the main path. One Python process runs
/// every scenario; each test asserts one scenario's recorded outcome.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class SqsBoto3Tests(EmulatorFixture emulator)
{
    // One run for the class: xunit makes an instance per test, the emulator is the collection's.
    private static readonly Boto3Scenario Scenario = new("""
        sqs = boto3.client("sqs", endpoint_url=url, config=cfg)

        q = sqs.create_queue(QueueName=f"boto-{run}")["QueueUrl"]
        sent = sqs.send_message_batch(QueueUrl=q, Entries=[
            {"Id": str(i), "MessageBody": f"m{i}", "MessageAttributes": {"n": {"DataType": "Number", "StringValue": str(i)}}}
            for i in range(3)])
        out["batch_ok"] = sorted(e["Id"] for e in sent["Successful"])
        got = sqs.receive_message(QueueUrl=q, MaxNumberOfMessages=10, MessageAttributeNames=["All"], AttributeNames=["All"])
        out["bodies"] = sorted(m["Body"] for m in got["Messages"])
        out["md5_match"] = sorted(m["MD5OfMessageAttributes"] for m in got["Messages"]) == sorted(e["MD5OfMessageAttributes"] for e in sent["Successful"])
        deleted = sqs.delete_message_batch(QueueUrl=q, Entries=[{"Id": m["MessageId"][:8], "ReceiptHandle": m["ReceiptHandle"]} for m in got["Messages"]])
        out["deleted"] = len(deleted["Successful"])

        # Long polling wakes when a message arrives.
        threading.Timer(0.5, lambda: boto3.client("sqs", endpoint_url=url).send_message(QueueUrl=q, MessageBody="late")).start()
        polled = sqs.receive_message(QueueUrl=q, WaitTimeSeconds=20)
        out["polled"] = [m["Body"] for m in polled.get("Messages", [])]

        # Redrive: two receives allowed, the third moves it.
        dlq = sqs.create_queue(QueueName=f"boto-dlq-{run}")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        src = sqs.create_queue(QueueName=f"boto-src-{run}", Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})})["QueueUrl"]
        sqs.send_message(QueueUrl=src, MessageBody="poison")
        for _ in range(2):
            m = sqs.receive_message(QueueUrl=src)["Messages"][0]
            sqs.change_message_visibility(QueueUrl=src, ReceiptHandle=m["ReceiptHandle"], VisibilityTimeout=0)
        out["source_after"] = len(sqs.receive_message(QueueUrl=src).get("Messages", []))
        out["dlq"] = [m["Body"] for m in sqs.receive_message(QueueUrl=dlq).get("Messages", [])]

        out["missing"] = err(sqs.get_queue_url, QueueName="no-such-queue")
        out["bad_handle"] = err(sqs.delete_message, QueueUrl=q, ReceiptHandle="garbage")
        """);

    [SkippableFact]
    public void Boto3_sends_and_receives_a_batch_with_matching_attribute_digests()
    {
        var output = Output();

        Assert.Equal(["0", "1", "2"], output["batch_ok"]!.AsArray().Select(i => (string?)i));
        Assert.Equal(["m0", "m1", "m2"], output["bodies"]!.AsArray().Select(i => (string?)i));
        Assert.True((bool)output["md5_match"]!);
        Assert.Equal(3, (int)output["deleted"]!);
    }

    [SkippableFact]
    public void Boto3_long_poll_wakes_on_arrival()
    {
        Assert.Equal(["late"], Output()["polled"]!.AsArray().Select(i => (string?)i));
    }

    [SkippableFact]
    public void Boto3_sees_a_poison_message_move_to_the_dead_letter_queue()
    {
        var output = Output();

        Assert.Equal(0, (int)output["source_after"]!);
        Assert.Equal(["poison"], output["dlq"]!.AsArray().Select(i => (string?)i));
    }

    [SkippableFact]
    public void Boto3_reads_the_query_era_error_codes()
    {
        var output = Output();

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", (string?)output["missing"]!["code"]);
        Assert.Equal("The specified queue does not exist.", (string?)output["missing"]!["message"]);
        Assert.Equal("ReceiptHandleIsInvalid", (string?)output["bad_handle"]!["code"]);
        Assert.Equal(400, (int)output["bad_handle"]!["status"]!);
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
