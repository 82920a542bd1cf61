using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>
/// Filter policies on attributes and on the body: a message reaches a subscription only when it passes the
/// policy; invalid policies are refused with SNS's messages. Email subscriptions make deliveries visible.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsFilterPolicyTests(EmulatorFixture emulator) : IDisposable
{
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [Theory]
    [InlineData("""{"severity":["high"]}""", "String", "high", true)]
    [InlineData("""{"severity":["high"]}""", "String", "low", false)]
    [InlineData("""{"severity":[{"prefix":"hi"}]}""", "String", "high", true)]
    [InlineData("""{"severity":[{"anything-but":"low"}]}""", "String", "low", false)]
    [InlineData("""{"score":[{"numeric":[">",5]}]}""", "Number", "7.5", true)]
    [InlineData("""{"score":[{"numeric":[">",5]}]}""", "Number", "3", false)]
    [InlineData("""{"score":[10]}""", "Number", "10", true)]
    [InlineData("""{"tags":["pii"]}""", "String.Array", """["billing","pii"]""", true)]
    [InlineData("""{"tags":["pii"]}""", "String.Array", """["billing"]""", false)]
    [InlineData("""{"other":[{"exists":false}]}""", "String", "x", true)]
    [InlineData("""{"severity":[{"exists":true}]}""", "Binary", "AQID", false)]
    public async Task An_attribute_policy_lets_through_only_matching_messages(string policy, string type, string value, bool delivered)
    {
        var attribute = type == "Binary"
            ? new JsonObject { ["DataType"] = type, ["BinaryValue"] = value }
            : new JsonObject { ["DataType"] = type, ["StringValue"] = value };
        var name = policy.Contains("score", StringComparison.Ordinal) ? "score" : policy.Contains("tags", StringComparison.Ordinal) ? "tags" : "severity";

        var received = await PublishThrough(new JsonObject { ["FilterPolicy"] = policy }, new JsonObject { ["Message"] = "m", ["MessageAttributes"] = new JsonObject { [name] = attribute } });

        Assert.Equal(delivered, received);
    }

    [Theory]
    [InlineData("""{"detail":{"eventName":["StopLogging"]}}""", """{"detail":{"eventName":"StopLogging"}}""", true)]
    [InlineData("""{"detail":{"eventName":["StopLogging"]}}""", """{"detail":{"eventName":"StartLogging"}}""", false)]
    [InlineData("""{"detail":{"eventName":["StopLogging"]}}""", "not json", false)]
    [InlineData("""{"$or":[{"a":[1]},{"b":["x"]}]}""", """{"b":"x"}""", true)]
    public async Task A_body_policy_matches_the_message_JSON(string policy, string message, bool delivered)
    {
        var received = await PublishThrough(new JsonObject { ["FilterPolicy"] = policy, ["FilterPolicyScope"] = "MessageBody" }, new JsonObject { ["Message"] = message });

        Assert.Equal(delivered, received);
    }

    [Fact]
    public async Task A_nested_policy_in_attribute_scope_is_InvalidParameter()
    {
        var error = await Refused("""{"detail":{"eventName":["StopLogging"]}}""");

        Assert.Equal(("InvalidParameter", "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_policy_with_more_than_5_keys_is_InvalidParameter()
    {
        var error = await Refused("""{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}""");

        Assert.Equal(("InvalidParameter", "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_policy_over_150_combinations_is_InvalidParameter()
    {
        var values = string.Join(',', Enumerable.Range(0, 13).Select(i => $"\"{i}\""));
        var error = await Refused($$"""{"a":[{{values}}],"b":[{{values}}]}""");

        Assert.Equal(("InvalidParameter", "Invalid parameter: FilterPolicy: Filter policy is too complex"), (error.Code, error.Message));
    }

    [Fact]
    public async Task An_unknown_match_type_is_InvalidParameter_with_the_engines_reason()
    {
        var error = await Refused("""{"a":[{"prefixx":"x"}]}""");

        Assert.Equal("InvalidParameter", error.Code);
        Assert.StartsWith("Invalid parameter: FilterPolicy: Unrecognized match type prefixx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_that_is_not_JSON_is_InvalidParameter()
    {
        var error = await Refused("{not json");

        Assert.Equal("InvalidParameter", error.Code);
        Assert.StartsWith("Invalid parameter: FilterPolicy: ", error.Message, StringComparison.Ordinal);
    }

    private async Task<Doqutore.Aws.Protocols.AwsServiceException> Refused(string policy)
    {
        var topic = await _sns.CreateTopic();
        return await _sns.Refused("Subscribe", new()
        {
            ["TopicArn"] = topic,
            ["Protocol"] = "sqs",
            ["Endpoint"] = "arn:aws:sqs:us-east-1:000000000000:" + SnsHarness.Unique("q"),
            ["Attributes"] = new JsonObject { ["FilterPolicy"] = policy },
        });
    }

    /// <summary>
    /// Publishes to a topic with one filtered email subscription and one unfiltered control subscription;
    /// once the control has its message, says whether the filtered one got it too.
    /// </summary>
    private async Task<bool> PublishThrough(JsonObject subscriptionAttributes, JsonObject publish)
    {
        var topic = await _sns.CreateTopic();
        var filtered = SnsHarness.UniqueEmail();
        var control = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, filtered, attributes: subscriptionAttributes);
        await _sns.ConfirmedEmail(topic, control);

        publish["TopicArn"] = topic;
        await _sns.Call("Publish", publish);

        await _sns.WaitForMails(control, 2);
        await _sns.Settle();
        return (await _sns.Mails(filtered)).Count == 2;
    }
}
