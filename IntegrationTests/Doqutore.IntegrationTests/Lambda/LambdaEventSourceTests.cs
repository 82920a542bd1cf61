using System.Text.Json.Nodes;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>EventBridge rules and SNS topics invoke functions through the function's resource policy (AddPermission).</summary>
public sealed class LambdaEventSourceTests(LambdaFixture emulator) : IClassFixture<LambdaFixture>, IDisposable
{
    private readonly LambdaHarness _lambda = new(emulator);

    public void Dispose() => _lambda.Dispose();

    [Fact]
    public async Task An_EventBridge_rule_invokes_a_function_that_permits_it()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());
        var arn = $"arn:aws:lambda:us-east-1:000000000000:function:{name}";
        using var events = _lambda.Client("events");
        var source = "doqutore." + LambdaHarness.Unique("test");
        var rule = (string)(await events.InvokeAsync("PutRule", new JsonObject { ["Name"] = LambdaHarness.Unique("rule"), ["EventPattern"] = $$"""{"source":["{{source}}"]}""" }))["RuleArn"]!;
        await _lambda.Lambda.InvokeAsync("AddPermission", new JsonObject
        {
            ["FunctionName"] = name, ["StatementId"] = "events", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "events.amazonaws.com", ["SourceArn"] = rule,
        });
        await events.InvokeAsync("PutTargets", new JsonObject
        {
            ["Rule"] = rule.Split('/')[^1],
            ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "fn", ["Arn"] = arn }),
        });

        await events.InvokeAsync("PutEvents", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject { ["Source"] = source, ["DetailType"] = "test", ["Detail"] = """{"marker":"from-eventbridge"}""" }),
        });

        var logs = await _lambda.LogsWhen(name, l => l.Any(x => x.Contains("from-eventbridge", StringComparison.Ordinal)));
        var delivered = JsonNode.Parse(Assert.Single(logs, l => l.Contains("from-eventbridge", StringComparison.Ordinal)))!;
        Assert.Equal((source, "test"), ((string?)delivered["source"], (string?)delivered["detail-type"]));
    }

    [Fact]
    public async Task An_SNS_topic_invokes_a_subscribed_function_that_permits_it()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());
        using var sns = _lambda.Client("sns");
        var topic = (string)(await sns.InvokeAsync("CreateTopic", new JsonObject { ["Name"] = LambdaHarness.Unique("topic") }))["TopicArn"]!;
        await _lambda.Lambda.InvokeAsync("AddPermission", new JsonObject
        {
            ["FunctionName"] = name, ["StatementId"] = "sns", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "sns.amazonaws.com", ["SourceArn"] = topic,
        });
        await sns.InvokeAsync("Subscribe", new JsonObject { ["TopicArn"] = topic, ["Protocol"] = "lambda", ["Endpoint"] = $"arn:aws:lambda:us-east-1:000000000000:function:{name}" });

        await sns.InvokeAsync("Publish", new JsonObject { ["TopicArn"] = topic, ["Message"] = "from-sns" });

        var logs = await _lambda.LogsWhen(name, l => l.Any(x => x.Contains("from-sns", StringComparison.Ordinal)));
        var delivered = JsonNode.Parse(Assert.Single(logs, l => l.Contains("from-sns", StringComparison.Ordinal)))!;
        Assert.Equal((topic, "aws:sns"), ((string?)delivered["Records"]![0]!["Sns"]!["TopicArn"], (string?)delivered["Records"]![0]!["EventSource"]));
    }

    [Fact]
    public async Task A_rule_the_function_does_not_permit_is_refused_with_NO_PERMISSIONS()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());
        var arn = $"arn:aws:lambda:us-east-1:000000000000:function:{name}";
        using var events = _lambda.Client("events");
        var source = "doqutore." + LambdaHarness.Unique("deny");
        var rule = (string)(await events.InvokeAsync("PutRule", new JsonObject { ["Name"] = LambdaHarness.Unique("rule"), ["EventPattern"] = $$"""{"source":["{{source}}"]}""" }))["RuleArn"]!;
        await events.InvokeAsync("PutTargets", new JsonObject
        {
            ["Rule"] = rule.Split('/')[^1],
            ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "fn", ["Arn"] = arn }),
        });

        await events.InvokeAsync("PutEvents", new JsonObject
        {
            ["Entries"] = new JsonArray(new JsonObject { ["Source"] = source, ["DetailType"] = "test", ["Detail"] = "{}" }),
        });

        using var http = new HttpClient();
        JsonNode? delivery = null;
        for (var i = 0; i < 100 && delivery is null; i++)
        {
            var log = JsonNode.Parse(await http.GetStringAsync(emulator.Url + "/_doqutore/events"))!;
            delivery = log["events"]!.AsArray()
                .Where(e => (string?)e!["source"] == source)
                .SelectMany(e => e!["deliveries"]!.AsArray())
                .FirstOrDefault(d => (string?)d!["errorCode"] is not null);
            await Task.Delay(50);
        }

        Assert.Equal("NO_PERMISSIONS", (string?)delivery?["errorCode"]);
        Assert.DoesNotContain(await _lambda.Logs(name).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : []), l => l.StartsWith("START", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_policy_AddPermission_builds_is_AWSs_statement()
    {
        var name = await _lambda.Function(LambdaHarness.TutorialZip());
        var statement = await _lambda.Lambda.InvokeAsync("AddPermission", new JsonObject
        {
            ["FunctionName"] = name, ["StatementId"] = "s1", ["Action"] = "lambda:InvokeFunction", ["Principal"] = "events.amazonaws.com",
            ["SourceArn"] = "arn:aws:events:us-east-1:000000000000:rule/r", ["SourceAccount"] = "000000000000",
        });

        var policy = JsonNode.Parse((string)(await _lambda.Lambda.InvokeAsync("GetPolicy", new JsonObject { ["FunctionName"] = name }))["Policy"]!)!;

        Assert.Equal(
            """{"Sid":"s1","Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:000000000000:function:NAME","Condition":{"StringEquals":{"AWS:SourceAccount":"000000000000"},"ArnLike":{"AWS:SourceArn":"arn:aws:events:us-east-1:000000000000:rule/r"}}}""".Replace("NAME", name, StringComparison.Ordinal),
            (string?)statement["Statement"]);
        Assert.Equal(("2012-10-17", "default"), ((string?)policy["Version"], (string?)policy["Id"]));
        await _lambda.Lambda.InvokeAsync("RemovePermission", new JsonObject { ["FunctionName"] = name, ["StatementId"] = "s1" });
        var error = await Assert.ThrowsAsync<Doqutore.Aws.Protocols.AwsServiceException>(() => _lambda.Lambda.InvokeAsync("GetPolicy", new JsonObject { ["FunctionName"] = name }));
        Assert.Equal(("ResourceNotFoundException", "The resource you requested does not exist."), (error.Code, error.Message));
    }
}
