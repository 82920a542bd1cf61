using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sns;

/// <summary>Topics through the spec client: creation, attributes, policies, listing, tags, permissions.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class SnsTopicTests(EmulatorFixture emulator) : IDisposable
{
    private readonly SnsHarness _sns = new(emulator);

    public void Dispose() => _sns.Dispose();

    [Fact]
    public async Task CreateTopic_is_idempotent_and_answers_the_same_arn()
    {
        var name = SnsHarness.Unique("idem");

        var first = await _sns.CreateTopic(name);
        var second = await _sns.CreateTopic(name);

        Assert.Equal($"arn:aws:sns:us-east-1:000000000000:{name}", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task CreateTopic_again_with_other_attributes_is_InvalidParameter()
    {
        var name = SnsHarness.Unique("attrs");
        await _sns.Call("CreateTopic", new() { ["Name"] = name, ["Attributes"] = new JsonObject { ["DisplayName"] = "one" } });

        var error = await _sns.Refused("CreateTopic", new() { ["Name"] = name, ["Attributes"] = new JsonObject { ["DisplayName"] = "two" } });

        Assert.Equal(("InvalidParameter", 400, "Invalid parameter: Attributes Reason: Topic already exists with different attributes"), (error.Code, error.StatusCode, error.Message));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("dot.ted")]
    [InlineData("")]
    public async Task A_topic_name_outside_letters_digits_hyphens_and_underscores_is_InvalidParameter(string name)
    {
        var error = await _sns.Refused("CreateTopic", new() { ["Name"] = name });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Topic Name"), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_fifo_topic_is_refused_plainly()
    {
        var error = await _sns.Refused("CreateTopic", new() { ["Name"] = SnsHarness.Unique("f") + ".fifo", ["Attributes"] = new JsonObject { ["FifoTopic"] = "true" } });

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("FIFO topics are not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTopicAttributes_of_a_new_topic_shows_AWS_defaults()
    {
        var arn = await _sns.CreateTopic();

        var attributes = (await _sns.Call("GetTopicAttributes", new() { ["TopicArn"] = arn }))["Attributes"]!.AsObject();

        Assert.Equal(arn, (string?)attributes["TopicArn"]);
        Assert.Equal("000000000000", (string?)attributes["Owner"]);
        Assert.Equal(("0", "0", "0", ""), ((string?)attributes["SubscriptionsConfirmed"], (string?)attributes["SubscriptionsPending"], (string?)attributes["SubscriptionsDeleted"], (string?)attributes["DisplayName"]));
        var policy = JsonNode.Parse((string)attributes["Policy"]!)!;
        Assert.Equal("__default_policy_ID", (string?)policy["Id"]);
        Assert.Equal("000000000000", (string?)policy["Statement"]![0]!["Condition"]!["StringEquals"]!["AWS:SourceOwner"]);
        Assert.Contains("SNS:Publish", policy["Statement"]![0]!["Action"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("linear", (string?)JsonNode.Parse((string)attributes["EffectiveDeliveryPolicy"]!)!["http"]!["defaultHealthyRetryPolicy"]!["backoffFunction"]);
    }

    [Fact]
    public async Task GetTopicAttributes_of_a_missing_topic_is_NotFound()
    {
        var error = await _sns.Refused("GetTopicAttributes", new() { ["TopicArn"] = "arn:aws:sns:us-east-1:000000000000:" + SnsHarness.Unique("none") });

        Assert.Equal(("NotFound", 404, "Topic does not exist"), (error.Code, error.StatusCode, error.Message));
    }

    [Fact]
    public async Task A_malformed_topic_arn_is_InvalidParameter()
    {
        var error = await _sns.Refused("GetTopicAttributes", new() { ["TopicArn"] = "not-an-arn" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: TopicArn"), (error.Code, error.Message));
    }

    [Fact]
    public async Task SetTopicAttributes_changes_the_display_name()
    {
        var arn = await _sns.CreateTopic();

        await _sns.Call("SetTopicAttributes", new() { ["TopicArn"] = arn, ["AttributeName"] = "DisplayName", ["AttributeValue"] = "Incidents" });

        var attributes = (await _sns.Call("GetTopicAttributes", new() { ["TopicArn"] = arn }))["Attributes"]!;
        Assert.Equal("Incidents", (string?)attributes["DisplayName"]);
    }

    [Fact]
    public async Task SetTopicAttributes_with_an_unknown_attribute_is_InvalidParameter()
    {
        var arn = await _sns.CreateTopic();

        var error = await _sns.Refused("SetTopicAttributes", new() { ["TopicArn"] = arn, ["AttributeName"] = "Colour", ["AttributeValue"] = "red" });

        Assert.Equal(("InvalidParameter", "Invalid parameter: AttributeName"), (error.Code, error.Message));
    }

    [Fact]
    public async Task DeleteTopic_removes_the_topic_and_deleting_again_is_no_error()
    {
        var arn = await _sns.CreateTopic();

        await _sns.Call("DeleteTopic", new() { ["TopicArn"] = arn });
        await _sns.Call("DeleteTopic", new() { ["TopicArn"] = arn });

        var error = await _sns.Refused("GetTopicAttributes", new() { ["TopicArn"] = arn });
        Assert.Equal("NotFound", error.Code);
    }

    [Fact]
    public async Task ListTopics_pages_by_100_with_NextToken()
    {
        var mine = new HashSet<string>();
        for (var i = 0; i < 101; i++)
        {
            mine.Add(await _sns.CreateTopic(SnsHarness.Unique($"page{i}")));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var input = new JsonObject();
            if (token is not null)
            {
                input["NextToken"] = token;
            }

            var page = await _sns.Call("ListTopics", input);
            var arns = page["Topics"]!.AsArray().Select(t => (string)t!["TopicArn"]!).ToList();
            Assert.True(arns.Count <= 100);
            seen.AddRange(arns);
            token = (string?)page["NextToken"];
            pages++;
        }
        while (token is not null);

        Assert.True(pages >= 2);
        Assert.Subset(seen.ToHashSet(), mine);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Tags_are_added_listed_and_removed()
    {
        var arn = await _sns.CreateTopic();

        await _sns.Call("TagResource", new() { ["ResourceArn"] = arn, ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "sec" }, new JsonObject { ["Key"] = "env", ["Value"] = "dev" }) });
        await _sns.Call("UntagResource", new() { ["ResourceArn"] = arn, ["TagKeys"] = new JsonArray("env") });

        var tags = (await _sns.Call("ListTagsForResource", new() { ["ResourceArn"] = arn }))["Tags"]!.AsArray();
        Assert.Equal([("team", "sec")], tags.Select(t => ((string)t!["Key"]!, (string)t["Value"]!)));
    }

    [Fact]
    public async Task Tagging_a_missing_topic_is_ResourceNotFound()
    {
        var error = await _sns.Refused("ListTagsForResource", new() { ["ResourceArn"] = "arn:aws:sns:us-east-1:000000000000:" + SnsHarness.Unique("none") });

        Assert.Equal(("ResourceNotFound", 404, "Resource does not exist"), (error.Code, error.StatusCode, error.Message));
    }

    [Fact]
    public async Task AddPermission_adds_a_labelled_statement_and_RemovePermission_takes_it_away()
    {
        var arn = await _sns.CreateTopic();

        await _sns.Call("AddPermission", new() { ["TopicArn"] = arn, ["Label"] = "partner", ["AWSAccountId"] = new JsonArray("111122223333"), ["ActionName"] = new JsonArray("Publish") });
        var granted = await Policy(arn);
        await _sns.Call("RemovePermission", new() { ["TopicArn"] = arn, ["Label"] = "partner" });
        var removed = await Policy(arn);

        var statement = granted["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "partner")!;
        Assert.Equal(("arn:aws:iam::111122223333:root", "SNS:Publish"), ((string?)statement["Principal"]!["AWS"], (string?)statement["Action"]));
        Assert.DoesNotContain(removed["Statement"]!.AsArray(), s => (string?)s!["Sid"] == "partner");
    }

    [Fact]
    public async Task AddPermission_with_an_action_outside_SNS_is_InvalidParameter()
    {
        var arn = await _sns.CreateTopic();

        var error = await _sns.Refused("AddPermission", new() { ["TopicArn"] = arn, ["Label"] = "x", ["AWSAccountId"] = new JsonArray("111122223333"), ["ActionName"] = new JsonArray("SendMessage") });

        Assert.Equal(("InvalidParameter", "Invalid parameter: Policy statement action out of service scope!"), (error.Code, error.Message));
    }

    private async Task<JsonNode> Policy(string arn) =>
        JsonNode.Parse((string)(await _sns.Call("GetTopicAttributes", new() { ["TopicArn"] = arn }))["Attributes"]!["Policy"]!)!;
}
