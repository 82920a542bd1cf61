using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>
/// Event invocations: queued (202), retried after a function error (AWS's 1 and 2 minutes shortened to 200 and 400 ms
/// by <see cref="LambdaFixture"/>), then the dead-letter queue and the on-failure destination; success destinations.
/// </summary>
public sealed class LambdaAsyncTests(LambdaFixture emulator) : IClassFixture<LambdaFixture>, IDisposable
{
    private readonly LambdaHarness _lambda = new(emulator);
    private readonly AmazonSQSClient _sqs = new(SdkClients.Root, SdkClients.Configure(new AmazonSQSConfig(), emulator));

    public void Dispose()
    {
        _lambda.Dispose();
        _sqs.Dispose();
    }

    [Fact]
    public async Task An_event_invocation_answers_202_and_the_function_runs_it()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());

        var output = await _lambda.Lambda.InvokeAsync("Invoke", new JsonObject
        {
            ["FunctionName"] = name, ["InvocationType"] = "Event", ["Payload"] = Convert.ToBase64String("""{"async":true}"""u8.ToArray()),
        });

        Assert.Equal(202, (long?)output["StatusCode"]);
        var logs = await _lambda.LogsWhen(name, l => l.Contains("""{"async":true}"""));
        Assert.Contains("""{"async":true}""", logs);
    }

    [Fact]
    public async Task A_failing_event_is_retried_twice_then_sent_to_the_dead_letter_queue_with_its_error()
    {
        var (queueUrl, queueArn) = await Queue();
        var role = await _lambda.Role(SendTo(queueArn));
        var name = await _lambda.Function(
            LambdaHarness.ScriptZip("  fail Handler.Failed 'always fails'"),
            role,
            extra: new JsonObject { ["DeadLetterConfig"] = new JsonObject { ["TargetArn"] = queueArn } });

        await InvokeEvent(name, """{"patient":"p-1"}""");

        var message = await Receive(queueUrl);
        Assert.Equal("""{"patient":"p-1"}""", message.Body);
        Assert.Equal("always fails", message.MessageAttributes["ErrorMessage"].StringValue);
        Assert.Equal("200", message.MessageAttributes["ErrorCode"].StringValue);
        var logs = await _lambda.Logs(name);
        Assert.Equal(3, logs.Count(l => l.StartsWith("START", StringComparison.Ordinal)));
        Assert.Single(logs.Where(l => l.StartsWith("START", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).Distinct());
    }

    [Fact]
    public async Task MaximumRetryAttempts_0_sends_the_failure_record_to_the_on_failure_destination_after_one_attempt()
    {
        var (queueUrl, queueArn) = await Queue();
        var name = await _lambda.Function(LambdaHarness.ScriptZip("  fail Handler.Failed 'once'"), await _lambda.Role(SendTo(queueArn)));
        await _lambda.Lambda.InvokeAsync("PutFunctionEventInvokeConfig", new JsonObject
        {
            ["FunctionName"] = name,
            ["MaximumRetryAttempts"] = 0,
            ["DestinationConfig"] = new JsonObject { ["OnFailure"] = new JsonObject { ["Destination"] = queueArn } },
        });

        await InvokeEvent(name, """{"n":1}""");

        var record = JsonNode.Parse((await Receive(queueUrl)).Body)!;
        Assert.Equal(("1.0", "RetriesExhausted", 1L), ((string?)record["version"], (string?)record["requestContext"]!["condition"], (long?)record["requestContext"]!["approximateInvokeCount"]));
        Assert.Equal($"arn:aws:lambda:us-east-1:000000000000:function:{name}:$LATEST", (string?)record["requestContext"]!["functionArn"]);
        Assert.Equal("""{"n":1}""", record["requestPayload"]!.ToJsonString());
        Assert.Equal(("Unhandled", "once"), ((string?)record["responseContext"]!["functionError"], (string?)record["responsePayload"]!["errorMessage"]));
    }

    [Fact]
    public async Task A_successful_event_sends_its_record_to_the_on_success_destination()
    {
        var (queueUrl, queueArn) = await Queue();
        var name = await _lambda.Function(LambdaHarness.ScriptZip("""  respond '{"saved":true}'"""), await _lambda.Role(SendTo(queueArn)));
        await _lambda.Lambda.InvokeAsync("PutFunctionEventInvokeConfig", new JsonObject
        {
            ["FunctionName"] = name,
            ["DestinationConfig"] = new JsonObject { ["OnSuccess"] = new JsonObject { ["Destination"] = queueArn } },
        });

        await InvokeEvent(name, """{"n":2}""");

        var record = JsonNode.Parse((await Receive(queueUrl)).Body)!;
        Assert.Equal(("Success", """{"saved":true}"""), ((string?)record["requestContext"]!["condition"], record["responsePayload"]!.ToJsonString()));
    }

    [Fact]
    public async Task A_destination_the_role_may_not_reach_is_refused_when_configured()
    {
        var (_, queueArn) = await Queue();
        var name = await _lambda.Function(LambdaHarness.TutorialZip());

        var error = await Assert.ThrowsAsync<Doqutore.Aws.Protocols.AwsServiceException>(() => _lambda.Lambda.InvokeAsync("PutFunctionEventInvokeConfig", new JsonObject
        {
            ["FunctionName"] = name,
            ["DestinationConfig"] = new JsonObject { ["OnFailure"] = new JsonObject { ["Destination"] = queueArn } },
        }));

        Assert.Equal("InvalidParameterValueException", error.Code);
    }

    private static string SendTo(string queueArn) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"{{queueArn}}"}]}""";

    private async Task<(string Url, string Arn)> Queue()
    {
        var url = (await _sqs.CreateQueueAsync(LambdaHarness.Unique("fn-dlq"))).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        return (url, arn);
    }

    private Task InvokeEvent(string name, string payload) => _lambda.Lambda.InvokeAsync("Invoke", new JsonObject
    {
        ["FunctionName"] = name, ["InvocationType"] = "Event", ["Payload"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)),
    });

    private async Task<Message> Receive(string queueUrl)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl, WaitTimeSeconds = 20, MessageAttributeNames = ["All"],
        });
        return Assert.Single(response.Messages);
    }
}
