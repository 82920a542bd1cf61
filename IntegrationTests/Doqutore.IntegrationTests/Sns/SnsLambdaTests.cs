using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>An emulator whose function invoker records invocations, standing in for the Lambda service to come.</summary>
public sealed class SnsLambdaFixture : EmulatorFixture
{
    public RecordingInvoker Invoker { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IFunctionInvoker>(Invoker);

    public sealed class RecordingInvoker : IFunctionInvoker
    {
        public ConcurrentQueue<(ServiceCaller Caller, string FunctionArn, string Payload)> Invocations { get; } = new();

        public Task InvokeAsync(ServiceCaller caller, string functionArn, string payload, CancellationToken cancellationToken = default)
        {
            Invocations.Enqueue((caller, functionArn, payload));
            return Task.CompletedTask;
        }
    }
}

/// <summary>Lambda subscriptions: the SNS event shape (<c>Records[].Sns</c>, <c>…Url</c> spellings) and the caller.</summary>
public sealed class SnsLambdaTests(SnsLambdaFixture emulator) : IClassFixture<SnsLambdaFixture>, IDisposable
{
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [Fact]
    public async Task A_function_receives_the_SNS_event_as_sns_amazonaws_com_for_the_topic()
    {
        var topic = await _sns.CreateTopic();
        var function = "arn:aws:lambda:us-east-1:000000000000:function:" + SnsHarness.Unique("responder");
        var subscription = (string)(await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "lambda", ["Endpoint"] = function }))["SubscriptionArn"]!;

        var published = await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "to the function" });

        var (caller, arn, payload) = await Invocation(function);
        Assert.Equal((new ServiceCaller("sns.amazonaws.com", topic, "000000000000"), function), (caller, arn));
        var record = JsonNode.Parse(payload)!["Records"]!.AsArray().Single()!;
        Assert.Equal(("aws:sns", "1.0", subscription), ((string?)record["EventSource"], (string?)record["EventVersion"], (string?)record["EventSubscriptionArn"]));
        var sns = record["Sns"]!.AsObject();
        Assert.Equal(
            ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes"],
            sns.Select(p => p.Key));
        Assert.Equal(("Notification", (string?)published["MessageId"], topic, null, "to the function"), ((string?)sns["Type"], (string?)sns["MessageId"], (string?)sns["TopicArn"], (string?)sns["Subject"], (string?)sns["Message"]));
        Assert.Equal("{}", sns["MessageAttributes"]!.ToJsonString());
    }

    [Fact]
    public async Task The_lambda_entry_of_a_json_structured_message_goes_to_the_function()
    {
        var topic = await _sns.CreateTopic();
        var function = "arn:aws:lambda:us-east-1:000000000000:function:" + SnsHarness.Unique("structured");
        await _sns.Call("Subscribe", new() { ["TopicArn"] = topic, ["Protocol"] = "lambda", ["Endpoint"] = function });

        await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["MessageStructure"] = "json", ["Message"] = "{\"default\":\"d\",\"lambda\":\"for lambda\"}" });

        var (_, _, payload) = await Invocation(function);
        Assert.Equal("for lambda", (string?)JsonNode.Parse(payload)!["Records"]![0]!["Sns"]!["Message"]);
    }

    private async Task<(ServiceCaller Caller, string FunctionArn, string Payload)> Invocation(string function)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var found = emulator.Invoker.Invocations.Where(i => i.FunctionArn == function).ToList();
            if (found.Count > 0)
            {
                return Assert.Single(found);
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{function} was not invoked");
    }
}
