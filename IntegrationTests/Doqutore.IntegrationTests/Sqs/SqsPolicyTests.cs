using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Doqutore.Emulator.Delivery;
using Doqutore.IntegrationTests.Iam;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Sqs;

/// <summary>
/// Queue policies as resource policies: for IAM callers through the gateway's authorizer, and for services through
/// <see cref="IQueueSender"/> (EventBridge's documented queue policy with <c>aws:SourceArn</c>).
/// </summary>
[Collection(EmulatorCollection.Name)]
public class SqsPolicyTests(EmulatorFixture emulator)
{
    private const string Rule = "arn:aws:events:us-east-1:000000000000:rule/stop-logging";

    [Fact]
    public async Task A_user_without_sqs_permissions_is_denied_until_a_queue_policy_names_it()
    {
        using var sqs = SqsSdk.Client(emulator);
        using var iam = IamSetup.Client(emulator, SdkClients.Root);
        var userName = AwsCli.Unique("sender");
        var userArn = (string)(await iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = userName }))["User"]!["Arn"]!;
        using var asUser = SqsSdk.Client(emulator, await IamSetup.CreateAccessKey(iam, userName));
        var url = await SqsSdk.NewQueue(sqs, "guarded");
        var arn = await SqsSdk.Arn(sqs, url);

        var denied = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => asUser.SendMessageAsync(url, "before"));
        await sqs.SetQueueAttributesAsync(url, new()
        {
            ["Policy"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{userArn}}"},"Action":"sqs:SendMessage","Resource":"{{arn}}"}]}""",
        });
        var sent = await asUser.SendMessageAsync(url, "after");
        var receiveDenied = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => asUser.ReceiveMessageAsync(url));
        var message = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MessageSystemAttributeNames = ["SenderId"] })).Messages);

        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.StartsWith($"User: {userArn} is not authorized to perform: sqs:SendMessage on resource: {arn}", denied.Message, StringComparison.Ordinal);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.StartsWith("AIDA", message.Attributes["SenderId"], StringComparison.Ordinal);
        Assert.Equal("AccessDenied", receiveDenied.ErrorCode);
    }

    [Fact]
    public async Task AddPermission_grants_an_account_and_RemovePermission_takes_it_back()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "perm");
        var arn = await SqsSdk.Arn(sqs, url);

        await sqs.AddPermissionAsync(new AddPermissionRequest { QueueUrl = url, Label = "partner", AWSAccountIds = ["111122223333"], Actions = ["SendMessage"] });
        var policy = JsonNode.Parse((await sqs.GetQueueAttributesAsync(url, ["Policy"])).Attributes["Policy"])!;
        var duplicate = await Assert.ThrowsAnyAsync<AmazonSQSException>(() =>
            sqs.AddPermissionAsync(new AddPermissionRequest { QueueUrl = url, Label = "partner", AWSAccountIds = ["111122223333"], Actions = ["SendMessage"] }));
        await sqs.RemovePermissionAsync(url, "partner");

        var statement = policy["Statement"]![0]!;
        Assert.Equal("partner", (string?)statement["Sid"]);
        Assert.Equal("arn:aws:iam::111122223333:root", (string?)statement["Principal"]!["AWS"]);
        Assert.Equal("SQS:SendMessage", (string?)statement["Action"]);
        Assert.Equal(arn, (string?)statement["Resource"]);
        Assert.Equal("Value partner for parameter Label is invalid. Reason: Already exists.", duplicate.Message);
        Assert.False((await sqs.GetQueueAttributesAsync(url, ["All"])).Attributes.ContainsKey("Policy"));
    }

    [Fact]
    public async Task EventBridge_without_a_queue_policy_gets_NO_PERMISSIONS()
    {
        using var sqs = SqsSdk.Client(emulator);
        var arn = await SqsSdk.Arn(sqs, await SqsSdk.NewQueue(sqs, "nopolicy"));

        var failure = await Assert.ThrowsAsync<DeliveryFailure>(() => Sender().SendAsync(Events(Rule), arn, new QueueMessage("{}")));

        Assert.Equal("NO_PERMISSIONS", failure.Code);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task EventBridge_allowed_by_the_documented_policy_delivers_and_wakes_a_long_poll()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "target");
        var arn = await SqsSdk.Arn(sqs, url);
        await sqs.SetQueueAttributesAsync(url, new() { ["Policy"] = EventsPolicy(arn, Rule) });

        var poll = sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20, MessageSystemAttributeNames = ["SenderId"], MessageAttributeNames = ["All"] });
        var id = await Sender().SendAsync(Events(Rule), arn, new QueueMessage("{\"detail-type\":\"AWS API Call via CloudTrail\"}")
        {
            Attributes = new Dictionary<string, MessageAttribute> { ["RULE_ARN"] = new("String", Rule) },
        });
        var message = Assert.Single((await poll).Messages);

        Assert.Equal(id, message.MessageId);
        Assert.Equal("{\"detail-type\":\"AWS API Call via CloudTrail\"}", message.Body);
        Assert.Equal(Rule, message.MessageAttributes["RULE_ARN"].StringValue);
        Assert.StartsWith("AIDA", message.Attributes["SenderId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventBridge_for_another_rule_than_the_policy_names_gets_NO_PERMISSIONS()
    {
        using var sqs = SqsSdk.Client(emulator);
        var url = await SqsSdk.NewQueue(sqs, "other");
        var arn = await SqsSdk.Arn(sqs, url);
        await sqs.SetQueueAttributesAsync(url, new() { ["Policy"] = EventsPolicy(arn, Rule) });

        var failure = await Assert.ThrowsAsync<DeliveryFailure>(() => Sender().SendAsync(Events(Rule + "-other"), arn, new QueueMessage("{}")));

        Assert.Equal("NO_PERMISSIONS", failure.Code);
    }

    [Fact]
    public async Task A_missing_queue_is_NO_RESOURCE()
    {
        var failure = await Assert.ThrowsAsync<DeliveryFailure>(() =>
            Sender().SendAsync(Events(Rule), "arn:aws:sqs:us-east-1:000000000000:no-such-queue", new QueueMessage("{}")));

        Assert.Equal("NO_RESOURCE", failure.Code);
    }

    private IQueueSender Sender() => emulator.Services.GetRequiredService<IQueueSender>();

    private static ServiceCaller Events(string rule) => new("events.amazonaws.com", rule, "000000000000");

    // The queue policy the EventBridge user guide documents for an SQS target.
    private static string EventsPolicy(string queueArn, string ruleArn) => """
        {"Version":"2012-10-17","Statement":[{"Sid":"AllowEventBridge","Effect":"Allow",
         "Principal":{"Service":"events.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"QUEUE",
         "Condition":{"ArnEquals":{"aws:SourceArn":"RULE"}}}]}
        """.Replace("QUEUE", queueArn, StringComparison.Ordinal).Replace("RULE", ruleArn, StringComparison.Ordinal);
}
