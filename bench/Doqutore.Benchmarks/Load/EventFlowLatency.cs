using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// The first incident response's nervous system, timed: an IAM user's <c>StopLogging</c> becomes a CloudTrail
/// record, an "AWS API Call via CloudTrail" event on the default bus, a rule match and an SQS message. Starts
/// the emulator as its own process, sets up the trail, rule, queue (with its <c>aws:SourceArn</c> policy) and a
/// least-privilege user, then N times: root restarts logging, the user stops it, and a long poll waits for the
/// event. Prints percentiles of the time from the StopLogging response to the message in hand.
/// </summary>
public static class EventFlowLatency
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var runs = args.Int("runs", 50);
        using var server = await ServerProcess.StartEmulatorAsync(BenchPaths.CliDll(args), TimeSpan.FromMilliseconds(5)).ConfigureAwait(false);
        var root = new BasicAWSCredentials("test", "test");
        using var iam = Client("iam", server.Url, root);
        using var trail = Client("cloudtrail", server.Url, root);
        using var events = Client("events", server.Url, root);
        using var sqs = Client("sqs", server.Url, root);
        using var s3 = Client("s3", server.Url, root);

        // S3 is CloudTrail's log store: the trail's bucket needs AWS's documented CloudTrail bucket policy.
        await s3.InvokeAsync("CreateBucket", new JsonObject { ["Bucket"] = "bench-trail-logs" }).ConfigureAwait(false);
        await s3.InvokeAsync("PutBucketPolicy", new JsonObject { ["Bucket"] = "bench-trail-logs", ["Policy"] = TrailBucketPolicy("bench-trail-logs", "arn:aws:cloudtrail:us-east-1:000000000000:trail/bench-trail") }).ConfigureAwait(false);
        var trailArn = (string)(await trail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = "bench-trail", ["S3BucketName"] = "bench-trail-logs", ["IsMultiRegionTrail"] = true }).ConfigureAwait(false))["TrailARN"]!;
        await trail.InvokeAsync("StartLogging", new JsonObject { ["Name"] = "bench-trail" }).ConfigureAwait(false);

        var queueUrl = (string)(await sqs.InvokeAsync("CreateQueue", new JsonObject { ["QueueName"] = "bench-responder" }).ConfigureAwait(false))["QueueUrl"]!;
        var queueArn = (string)(await sqs.InvokeAsync("GetQueueAttributes", new JsonObject { ["QueueUrl"] = queueUrl, ["AttributeNames"] = new JsonArray("QueueArn") }).ConfigureAwait(false))["Attributes"]!["QueueArn"]!;
        var pattern = """{"source":["aws.cloudtrail"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["cloudtrail.amazonaws.com"],"eventName":["StopLogging"]}}""";
        var ruleArn = (string)(await events.InvokeAsync("PutRule", new JsonObject { ["Name"] = "bench-stop-logging", ["EventPattern"] = pattern }).ConfigureAwait(false))["RuleArn"]!;
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = queueArn,
                ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = ruleArn } },
            }),
        };
        await sqs.InvokeAsync("SetQueueAttributes", new JsonObject { ["QueueUrl"] = queueUrl, ["Attributes"] = new JsonObject { ["Policy"] = policy.ToJsonString() } }).ConfigureAwait(false);
        await events.InvokeAsync("PutTargets", new JsonObject { ["Rule"] = "bench-stop-logging", ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "queue", ["Arn"] = queueArn }) }).ConfigureAwait(false);

        await iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = "intruder" }).ConfigureAwait(false);
        await iam.InvokeAsync("PutUserPolicy", new JsonObject
        {
            ["UserName"] = "intruder",
            ["PolicyName"] = "stop-logging-only",
            ["PolicyDocument"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudtrail:StopLogging","Resource":"{{trailArn}}"}]}""",
        }).ConfigureAwait(false);
        var key = (await iam.InvokeAsync("CreateAccessKey", new JsonObject { ["UserName"] = "intruder" }).ConfigureAwait(false))["AccessKey"]!;
        using var intruder = Client("cloudtrail", server.Url, new BasicAWSCredentials((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!));

        var latencies = new List<double>(runs);
        var fromCallStart = new List<double>(runs);
        for (var i = 0; i < runs + 3; i++)
        {
            await trail.InvokeAsync("StartLogging", new JsonObject { ["Name"] = "bench-trail" }).ConfigureAwait(false);
            var start = Stopwatch.GetTimestamp();
            await intruder.InvokeAsync("StopLogging", new JsonObject { ["Name"] = "bench-trail" }).ConfigureAwait(false);
            var answered = Stopwatch.GetTimestamp();
            var message = await ReceiveOneAsync(sqs, queueUrl).ConfigureAwait(false);
            var received = Stopwatch.GetTimestamp();
            if (!message.Contains("\"StopLogging\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("The queue held something other than the StopLogging event.");
            }

            if (i >= 3)
            {
                latencies.Add(Stopwatch.GetElapsedTime(answered, received).TotalMilliseconds);
                fromCallStart.Add(Stopwatch.GetElapsedTime(start, received).TotalMilliseconds);
            }
        }

        Console.WriteLine($"StopLogging by an IAM user → CloudTrail record → default bus → rule → SQS, {runs} runs after 3 warm-up, {Environment.ProcessorCount} cores");
        Print("from the StopLogging response to the message received", latencies);
        Print("from sending StopLogging to the message received", fromCallStart);
        return 0;
    }

    private static async Task<string> ReceiveOneAsync(AwsClient sqs, string queueUrl)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var result = await sqs.InvokeAsync("ReceiveMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["WaitTimeSeconds"] = 5, ["MaxNumberOfMessages"] = 1 }).ConfigureAwait(false);
            if (result["Messages"] is JsonArray { Count: > 0 } messages)
            {
                await sqs.InvokeAsync("DeleteMessage", new JsonObject { ["QueueUrl"] = queueUrl, ["ReceiptHandle"] = (string)messages[0]!["ReceiptHandle"]! }).ConfigureAwait(false);
                return (string)messages[0]!["Body"]!;
            }
        }

        throw new TimeoutException("No event reached the queue within 50 s.");
    }

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        double At(double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what}: p50 {At(0.50):F1} ms, p90 {At(0.90):F1} ms, p99 {At(0.99):F1} ms, max {values[^1]:F1} ms"));
    }

    /// <summary>AWS's documented bucket policy letting CloudTrail write the trail's log files.</summary>
    private static string TrailBucketPolicy(string bucket, string trailArn) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(
            new JsonObject
            {
                ["Sid"] = "AWSCloudTrailAclCheck",
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "cloudtrail.amazonaws.com" },
                ["Action"] = "s3:GetBucketAcl",
                ["Resource"] = $"arn:aws:s3:::{bucket}",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:SourceArn"] = trailArn } },
            },
            new JsonObject
            {
                ["Sid"] = "AWSCloudTrailWrite",
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "cloudtrail.amazonaws.com" },
                ["Action"] = "s3:PutObject",
                ["Resource"] = $"arn:aws:s3:::{bucket}/AWSLogs/000000000000/*",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["s3:x-amz-acl"] = "bucket-owner-full-control", ["aws:SourceArn"] = trailArn } },
            }),
    }.ToJsonString();

    private static AwsClient Client(string service, Uri url, AWSCredentials credentials) =>
        new(ServiceModels.Get(service), new AwsClientOptions { ServiceUrl = url, AuthenticationRegion = "us-east-1", Credentials = credentials, MaxErrorRetry = 0 });
}
