using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>Publish and PublishBatch validation, with AWS's codes and messages.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsPublishTests(EmulatorFixture emulator) : IDisposable
{
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [Fact]
    public async Task Publish_answers_a_message_id_and_TargetArn_works_like_TopicArn()
    {
        var topic = await _sns.CreateTopic();

        var byTopic = await _sns.Call("Publish", new() { ["TopicArn"] = topic, ["Message"] = "a" });
        var byTarget = await _sns.Call("Publish", new() { ["TargetArn"] = topic, ["Message"] = "b" });

        Assert.True(Guid.TryParse((string?)byTopic["MessageId"], out _));
        Assert.True(Guid.TryParse((string?)byTarget["MessageId"], out _));
    }

    [Fact]
    public async Task Publish_without_a_target_is_InvalidParameter()
    {
        var error = await _sns.Refused("Publish", new() { ["Message"] = "m" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"), (error.Code, error.Message));
    }

    [Fact]
    public async Task Publishing_to_a_missing_topic_is_NotFound()
    {
        var error = await _sns.Refused("Publish", new() { ["TopicArn"] = "arn:aws:sns:us-east-1:000000000000:" + SnsHarness.Unique("none"), ["Message"] = "m" });

        Assert.Equal(("NotFound", 404, "Topic does not exist"), (error.Code, error.StatusCode, error.Message));
    }

    [Fact]
    public async Task An_empty_message_is_InvalidParameter()
    {
        var error = await _sns.Refused("Publish", new() { ["TopicArn"] = await _sns.CreateTopic(), ["Message"] = "" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Empty message"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_message_over_256_KiB_is_InvalidParameter()
    {
        var error = await _sns.Refused("Publish", new() { ["TopicArn"] = await _sns.CreateTopic(), ["Message"] = new string('x', 262_145) });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Message too long"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_message_of_exactly_256_KiB_is_accepted()
    {
        var published = await _sns.Call("Publish", new() { ["TopicArn"] = await _sns.CreateTopic(), ["Message"] = new string('x', 262_144) });

        Assert.NotNull((string?)published["MessageId"]);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData(" starts with a space")]
    public async Task A_subject_that_breaks_AWS_rules_is_InvalidParameter(string subject)
    {
        var error = await _sns.Refused("Publish", new() { ["TopicArn"] = await _sns.CreateTopic(), ["Subject"] = subject, ["Message"] = "m" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Subject"), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("{\"email\":\"x\"}", "Invalid parameter: Message Structure - No default entry in JSON message body")]
    [InlineData("not json", "Invalid parameter: Message Structure - JSON message body failed to parse")]
    public async Task A_bad_json_message_structure_is_InvalidParameter(string message, string expected)
    {
        var error = await _sns.Refused("Publish", new() { ["TopicArn"] = await _sns.CreateTopic(), ["MessageStructure"] = "json", ["Message"] = message });

        Assert.Equal(("InvalidParameter", expected), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("Text", "v", "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.")]
    [InlineData("Number", "twelve", "Could not cast message attribute 'a' value to number.")]
    [InlineData("String", "", "The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'.")]
    [InlineData("String.Array", "not an array", "The message attribute 'a' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.")]
    public async Task An_invalid_message_attribute_is_ParameterValueInvalid(string type, string value, string expected)
    {
        var error = await _sns.Refused("Publish", new()
        {
            ["TopicArn"] = await _sns.CreateTopic(),
            ["Message"] = "m",
            ["MessageAttributes"] = new JsonObject { ["a"] = new JsonObject { ["DataType"] = type, ["StringValue"] = value } },
        });

        Assert.Equal(("ParameterValueInvalid", 400, expected), (error.Code, error.StatusCode, error.Message));
    }

    [Fact]
    public async Task A_message_attribute_name_with_a_bad_character_is_ParameterValueInvalid()
    {
        var error = await _sns.Refused("Publish", new()
        {
            ["TopicArn"] = await _sns.CreateTopic(),
            ["Message"] = "m",
            ["MessageAttributes"] = new JsonObject { ["a#b"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "v" } },
        });

        Assert.Equal(("ParameterValueInvalid", "Invalid non-alphanumeric character '#x23' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."), (error.Code, error.Message));
    }

    [Fact]
    public async Task PublishBatch_answers_per_entry_success_and_failure()
    {
        var topic = await _sns.CreateTopic();

        var result = await _sns.Call("PublishBatch", new()
        {
            ["TopicArn"] = topic,
            ["PublishBatchRequestEntries"] = new JsonArray(
                new JsonObject { ["Id"] = "ok", ["Message"] = "fine" },
                new JsonObject { ["Id"] = "bad", ["Message"] = "" }),
        });

        Assert.Equal("ok", (string?)result["Successful"]![0]!["Id"]);
        var failed = result["Failed"]!.AsArray().Single()!;
        Assert.Equal(("bad", "InvalidParameter", "Invalid parameter: Empty message", true), ((string?)failed["Id"], (string?)failed["Code"], (string?)failed["Message"], (bool?)failed["SenderFault"]));
    }

    [Fact]
    public async Task PublishBatch_with_no_entries_is_EmptyBatchRequest()
    {
        var error = await _sns.Refused("PublishBatch", new() { ["TopicArn"] = await _sns.CreateTopic(), ["PublishBatchRequestEntries"] = new JsonArray() });

        Assert.Equal(("EmptyBatchRequest", "The batch request doesn't contain any entries"), (error.Code, error.Message));
    }

    [Fact]
    public async Task PublishBatch_with_eleven_entries_is_TooManyEntriesInBatchRequest()
    {
        var entries = new JsonArray(Enumerable.Range(0, 11).Select(i => (JsonNode?)new JsonObject { ["Id"] = $"e{i}", ["Message"] = "m" }).ToArray());

        var error = await _sns.Refused("PublishBatch", new() { ["TopicArn"] = await _sns.CreateTopic(), ["PublishBatchRequestEntries"] = entries });

        Assert.Equal(("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible."), (error.Code, error.Message));
    }

    [Fact]
    public async Task PublishBatch_with_repeated_ids_is_BatchEntryIdsNotDistinct()
    {
        var entries = new JsonArray(new JsonObject { ["Id"] = "same", ["Message"] = "a" }, new JsonObject { ["Id"] = "same", ["Message"] = "b" });

        var error = await _sns.Refused("PublishBatch", new() { ["TopicArn"] = await _sns.CreateTopic(), ["PublishBatchRequestEntries"] = entries });

        Assert.Equal(("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id."), (error.Code, error.Message));
    }

    [Fact]
    public async Task PublishBatch_delivers_every_successful_entry()
    {
        var topic = await _sns.CreateTopic();
        var email = SnsHarness.UniqueEmail();
        await _sns.ConfirmedEmail(topic, email);

        await _sns.Call("PublishBatch", new()
        {
            ["TopicArn"] = topic,
            ["PublishBatchRequestEntries"] = new JsonArray(new JsonObject { ["Id"] = "1", ["Message"] = "one" }, new JsonObject { ["Id"] = "2", ["Message"] = "two" }),
        });

        var mails = await _sns.WaitForMails(email, 3);
        Assert.Equal(["one", "two"], mails.Skip(1).Select(m => ((string)m["body"]!).Split('\n')[0]).Order());
    }
}
