using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Events;

/// <summary>EventBridge through Debian's AWS CLI: rules routing to SQS, dead letters, TestEventPattern and AWS's errors.</summary>
[Collection(EmulatorCollection.Name)]
public class EventsCliTests(EmulatorFixture emulator)
{
    private const string Pattern = """{"source":["com.doqutore.orders"],"detail-type":["OrderPlaced"],"detail":{"amount":[{"numeric":[">",100]}]}}""";

    private readonly AwsCli _aws = new(emulator);

    [SkippableFact]
    public void A_rule_routes_only_the_matching_event_to_its_queue_with_the_aws_envelope()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("orders");
        var ruleArn = _aws.Json("events", "put-rule", "--name", rule, "--event-pattern", Pattern)["RuleArn"]!.GetValue<string>();
        var (queueUrl, queueArn) = Queue(AwsCli.Unique("orders-q"), ruleArn);
        _aws.Ok("events", "put-targets", "--rule", rule, "--targets", $"Id=q,Arn={queueArn}");

        var put = _aws.Json("events", "put-events", "--entries", Entries(
            ("com.doqutore.orders", "OrderPlaced", """{"amount":50,"order":"small"}"""),
            ("com.doqutore.orders", "OrderPlaced", """{"amount":150,"order":"big"}""")));

        Assert.Equal(0, put["FailedEntryCount"]!.GetValue<int>());
        var messages = Receive(queueUrl);
        var message = Assert.Single(messages);
        var body = JsonNode.Parse(message["Body"]!.GetValue<string>())!.AsObject();
        Assert.Equal(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"], body.Select(p => p.Key));
        Assert.Equal("0", body["version"]!.GetValue<string>());
        Assert.Equal(put["Entries"]![1]!["EventId"]!.GetValue<string>(), body["id"]!.GetValue<string>());
        Assert.Equal("OrderPlaced", body["detail-type"]!.GetValue<string>());
        Assert.Equal(EmulatorFixture.AccountId, body["account"]!.GetValue<string>());
        Assert.Equal(EmulatorFixture.Region, body["region"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", body["time"]!.GetValue<string>());
        Assert.Equal("big", body["detail"]!["order"]!.GetValue<string>());
        Assert.Empty(Receive(queueUrl, waitSeconds: 1));
    }

    [SkippableFact]
    public void A_rule_routes_the_event_to_an_sns_topic_whose_policy_allows_eventbridge()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("tosns");
        var ruleArn = _aws.Json("events", "put-rule", "--name", rule, "--event-pattern", """{"source":["com.doqutore.sns"]}""")["RuleArn"]!.GetValue<string>();
        var topicArn = _aws.Json("sns", "create-topic", "--name", AwsCli.Unique("topic"))["TopicArn"]!.GetValue<string>();
        var topicPolicy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
                ["Action"] = "sns:Publish",
                ["Resource"] = topicArn,
                ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = ruleArn } },
            }),
        };
        _aws.Ok("sns", "set-topic-attributes", "--topic-arn", topicArn, "--attribute-name", "Policy", "--attribute-value", topicPolicy.ToJsonString());
        var (queueUrl, queueArn) = Queue(AwsCli.Unique("fromsns"), ruleArnAllowed: null, service: "sns.amazonaws.com", sourceArn: topicArn);
        _aws.Ok("sns", "subscribe", "--topic-arn", topicArn, "--protocol", "sqs", "--notification-endpoint", queueArn, "--attributes", "RawMessageDelivery=true");
        _aws.Ok("events", "put-targets", "--rule", rule, "--targets", $"Id=t,Arn={topicArn}");

        _aws.Ok("events", "put-events", "--entries", Entries(("com.doqutore.sns", "ViaTopic", """{"k":"v"}""")));

        var body = JsonNode.Parse(Assert.Single(Receive(queueUrl))["Body"]!.GetValue<string>())!;
        Assert.Equal("ViaTopic", body["detail-type"]!.GetValue<string>());
        Assert.Equal("v", body["detail"]!["k"]!.GetValue<string>());
    }

    [SkippableFact]
    public void A_target_queue_without_a_policy_for_eventbridge_sends_the_event_to_the_dead_letter_queue()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("denied");
        var ruleArn = _aws.Json("events", "put-rule", "--name", rule, "--event-pattern", """{"source":["com.doqutore.dlq"]}""")["RuleArn"]!.GetValue<string>();
        var (_, targetArn) = Queue(AwsCli.Unique("nopolicy"), ruleArnAllowed: null);
        var (dlqUrl, dlqArn) = Queue(AwsCli.Unique("dlq"), ruleArn);
        _aws.Ok("events", "put-targets", "--rule", rule, "--targets", new JsonArray(new JsonObject
        {
            ["Id"] = "t",
            ["Arn"] = targetArn,
            ["DeadLetterConfig"] = new JsonObject { ["Arn"] = dlqArn },
        }).ToJsonString());

        _aws.Ok("events", "put-events", "--entries", Entries(("com.doqutore.dlq", "Test", """{"n":1}""")));

        var message = Assert.Single(Receive(dlqUrl));
        Assert.Equal("com.doqutore.dlq", JsonNode.Parse(message["Body"]!.GetValue<string>())!["source"]!.GetValue<string>());
        var attributes = message["MessageAttributes"]!;
        Assert.Equal(ruleArn, attributes["RULE_ARN"]!["StringValue"]!.GetValue<string>());
        Assert.Equal(targetArn, attributes["TARGET_ARN"]!["StringValue"]!.GetValue<string>());
        Assert.Equal("NO_PERMISSIONS", attributes["ERROR_CODE"]!["StringValue"]!.GetValue<string>());
        Assert.NotEmpty(attributes["ERROR_MESSAGE"]!["StringValue"]!.GetValue<string>());
        Assert.Equal("0", attributes["RETRY_ATTEMPTS"]!["StringValue"]!.GetValue<string>());
    }

    [SkippableFact]
    public void Test_event_pattern_answers_whether_the_event_matches()
    {
        ExternalTool.RequireAwsCli();
        var matching = Event("""{"amount":101}""");
        var other = Event("""{"amount":100}""");

        Assert.True(_aws.Json("events", "test-event-pattern", "--event-pattern", Pattern, "--event", matching)["Result"]!.GetValue<bool>());
        Assert.False(_aws.Json("events", "test-event-pattern", "--event-pattern", Pattern, "--event", other)["Result"]!.GetValue<bool>());
    }

    [SkippableFact]
    public void Test_event_pattern_refuses_an_event_without_the_envelope_fields()
    {
        ExternalTool.RequireAwsCli();

        var error = _aws.Error("events", "test-event-pattern", "--event-pattern", Pattern, "--event", """{"source":"x","detail":{}}""");

        Assert.Contains("(ValidationException) when calling the TestEventPattern operation: Parameter Event is not valid.", error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("""{"source":"com.x"}""", "Event pattern is not valid. Reason: \"source\" must be an object or an array")]
    [InlineData("""{"detail":{"n":[{"numeric":[">","x"]}]}}""", "Event pattern is not valid. Reason: Value of > must be numeric")]
    public void Invalid_patterns_are_refused_with_aws_messages(string pattern, string message)
    {
        ExternalTool.RequireAwsCli();

        var putRule = _aws.Error("events", "put-rule", "--name", AwsCli.Unique("bad"), "--event-pattern", pattern);
        var test = _aws.Error("events", "test-event-pattern", "--event-pattern", pattern, "--event", Event("{}"));

        Assert.Contains($"(InvalidEventPatternException) when calling the PutRule operation: {message}", putRule, StringComparison.Ordinal);
        Assert.Contains($"(InvalidEventPatternException) when calling the TestEventPattern operation: {message}", test, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Put_events_over_256_kb_is_refused()
    {
        ExternalTool.RequireAwsCli();
        var big = new JsonObject { ["pad"] = new string('x', 200 * 1024) }.ToJsonString();
        var file = Path.GetTempFileName();
        File.WriteAllText(file, Entries(("com.doqutore.big", "Big", big), ("com.doqutore.big", "Big", big)));
        try
        {
            var error = _aws.Error("events", "put-events", "--entries", $"file://{file}");

            Assert.Contains("(ValidationException) when calling the PutEvents operation: Total size of the entries in the request is over the limit.", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void Put_events_fails_the_entries_that_are_invalid_and_keeps_the_others()
    {
        ExternalTool.RequireAwsCli();
        var entries = new JsonArray(
            new JsonObject { ["Source"] = "com.doqutore.ok", ["DetailType"] = "T", ["Detail"] = "{}" },
            new JsonObject { ["Source"] = "com.doqutore.ok", ["DetailType"] = "T" },
            new JsonObject { ["Source"] = "com.doqutore.ok", ["DetailType"] = "T", ["Detail"] = "[1]" },
            new JsonObject { ["Source"] = "aws.s3", ["DetailType"] = "T", ["Detail"] = "{}" }).ToJsonString();

        var result = _aws.Json("events", "put-events", "--entries", entries);

        Assert.Equal(3, result["FailedEntryCount"]!.GetValue<int>());
        Assert.NotNull(result["Entries"]![0]!["EventId"]);
        Assert.Equal("InvalidArgument", result["Entries"]![1]!["ErrorCode"]!.GetValue<string>());
        Assert.Equal("Parameter Detail is not valid. Reason: Detail is a required argument.", result["Entries"]![1]!["ErrorMessage"]!.GetValue<string>());
        Assert.Equal("MalformedDetail", result["Entries"]![2]!["ErrorCode"]!.GetValue<string>());
        Assert.Equal("Detail is malformed.", result["Entries"]![2]!["ErrorMessage"]!.GetValue<string>());
        Assert.Equal("NotAuthorizedForSourceException", result["Entries"]![3]!["ErrorCode"]!.GetValue<string>());
    }

    [SkippableFact]
    public void A_target_with_a_malformed_arn_is_refused()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("arn");
        _aws.Ok("events", "put-rule", "--name", rule, "--event-pattern", Pattern);

        var error = _aws.Error("events", "put-targets", "--rule", rule, "--targets", "Id=t,Arn=not-an-arn");

        Assert.Contains("(ValidationException) when calling the PutTargets operation: Parameter not-an-arn is not valid. Reason: Provided Arn is not in correct format.", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_retry_policy_out_of_range_is_refused()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("retry");
        _aws.Ok("events", "put-rule", "--name", rule, "--event-pattern", Pattern);

        var error = _aws.Error("events", "put-targets", "--rule", rule, "--targets",
            """[{"Id":"t","Arn":"arn:aws:sqs:us-east-1:000000000000:q","RetryPolicy":{"MaximumRetryAttempts":186}}]""");

        Assert.Contains("Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_rule_with_targets_cannot_be_deleted()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("keep");
        _aws.Ok("events", "put-rule", "--name", rule, "--event-pattern", Pattern);
        _aws.Ok("events", "put-targets", "--rule", rule, "--targets", "Id=t,Arn=arn:aws:sqs:us-east-1:000000000000:q");

        var error = _aws.Error("events", "delete-rule", "--name", rule);
        _aws.Ok("events", "remove-targets", "--rule", rule, "--ids", "t");
        _aws.Ok("events", "delete-rule", "--name", rule);

        Assert.Contains("(ValidationException) when calling the DeleteRule operation: Rule can't be deleted since it has targets.", error, StringComparison.Ordinal);
        Assert.Contains($"Rule {rule} does not exist on EventBus default.", _aws.Error("events", "describe-rule", "--name", rule), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_sixth_target_exceeds_the_limit()
    {
        ExternalTool.RequireAwsCli();
        var rule = AwsCli.Unique("six");
        _aws.Ok("events", "put-rule", "--name", rule, "--event-pattern", Pattern);
        var five = string.Join(' ', Enumerable.Range(1, 5).Select(i => $"Id=t{i},Arn=arn:aws:sqs:us-east-1:000000000000:q{i}"));
        _aws.Ok(["events", "put-targets", "--rule", rule, "--targets", .. five.Split(' ')]);

        var error = _aws.Error("events", "put-targets", "--rule", rule, "--targets", "Id=t6,Arn=arn:aws:sqs:us-east-1:000000000000:q6");

        // The CLI retries LimitExceededException as a throttle, and says so between operation and message.
        Assert.Contains("(LimitExceededException) when calling the PutTargets operation", error, StringComparison.Ordinal);
        Assert.EndsWith(": The requested resource exceeds the maximum number allowed.", error, StringComparison.Ordinal);
        Assert.Equal(5, _aws.Json("events", "list-targets-by-rule", "--rule", rule)["Targets"]!.AsArray().Count);
    }

    [SkippableFact]
    public void Rules_are_described_listed_disabled_and_enabled()
    {
        ExternalTool.RequireAwsCli();
        var bus = AwsCli.Unique("bus");
        var busArn = _aws.Json("events", "create-event-bus", "--name", bus)["EventBusArn"]!.GetValue<string>();
        var rule = AwsCli.Unique("lst");
        var ruleArn = _aws.Json("events", "put-rule", "--name", rule, "--event-bus-name", bus, "--event-pattern", Pattern, "--description", "d")["RuleArn"]!.GetValue<string>();
        _aws.Ok("events", "disable-rule", "--name", rule, "--event-bus-name", busArn);

        var described = _aws.Json("events", "describe-rule", "--name", rule, "--event-bus-name", bus);
        var listed = _aws.Json("events", "list-rules", "--event-bus-name", bus, "--name-prefix", rule[..6]);

        Assert.Equal($"arn:aws:events:us-east-1:000000000000:rule/{bus}/{rule}", ruleArn);
        Assert.Equal($"arn:aws:events:us-east-1:000000000000:event-bus/{bus}", busArn);
        Assert.Equal("DISABLED", described["State"]!.GetValue<string>());
        Assert.Equal(Pattern, described["EventPattern"]!.GetValue<string>());
        Assert.Equal(bus, described["EventBusName"]!.GetValue<string>());
        Assert.Equal(rule, Assert.Single(listed["Rules"]!.AsArray())!["Name"]!.GetValue<string>());
        _aws.Ok("events", "enable-rule", "--name", rule, "--event-bus-name", bus);
        Assert.Equal("ENABLED", _aws.Json("events", "describe-rule", "--name", rule, "--event-bus-name", bus)["State"]!.GetValue<string>());
    }

    [SkippableFact]
    public void The_default_bus_exists_and_cannot_be_deleted()
    {
        ExternalTool.RequireAwsCli();

        var described = _aws.Json("events", "describe-event-bus");
        var error = _aws.Error("events", "delete-event-bus", "--name", "default");

        Assert.Equal("arn:aws:events:us-east-1:000000000000:event-bus/default", described["Arn"]!.GetValue<string>());
        Assert.Contains("(ValidationException) when calling the DeleteEventBus operation: Cannot delete event bus default.", error, StringComparison.Ordinal);
    }

    /// <summary>A queue; when <paramref name="ruleArnAllowed"/> is set, its policy lets EventBridge send for that rule only.</summary>
    private (string Url, string Arn) Queue(string name, string? ruleArnAllowed, string service = "events.amazonaws.com", string? sourceArn = null)
    {
        ruleArnAllowed ??= sourceArn;
        var url = _aws.Json("sqs", "create-queue", "--queue-name", name)["QueueUrl"]!.GetValue<string>();
        var arn = _aws.Json("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "QueueArn")["Attributes"]!["QueueArn"]!.GetValue<string>();
        if (ruleArnAllowed is not null)
        {
            var policy = new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new JsonArray(new JsonObject
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["Service"] = service },
                    ["Action"] = "sqs:SendMessage",
                    ["Resource"] = arn,
                    ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = ruleArnAllowed } },
                }),
            };
            _aws.Ok("sqs", "set-queue-attributes", "--queue-url", url, "--attributes", new JsonObject { ["Policy"] = policy.ToJsonString() }.ToJsonString());
        }

        return (url, arn);
    }

    private List<JsonNode> Receive(string queueUrl, int waitSeconds = 10)
    {
        var result = _aws.Run("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-number-of-messages", "10", "--message-attribute-names", "All", "--output", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return string.IsNullOrWhiteSpace(result.Stdout) ? [] : JsonNode.Parse(result.Stdout)?["Messages"]?.AsArray().Select(m => m!).ToList() ?? [];
    }

    private static string Entries(params (string Source, string DetailType, string Detail)[] entries) =>
        new JsonArray(entries.Select(e => (JsonNode?)new JsonObject { ["Source"] = e.Source, ["DetailType"] = e.DetailType, ["Detail"] = e.Detail }).ToArray()).ToJsonString();

    private static string Event(string detail) => new JsonObject
    {
        ["id"] = "e1",
        ["account"] = EmulatorFixture.AccountId,
        ["source"] = "com.doqutore.orders",
        ["time"] = "2024-01-01T00:00:00Z",
        ["region"] = EmulatorFixture.Region,
        ["resources"] = new JsonArray(),
        ["detail-type"] = "OrderPlaced",
        ["detail"] = JsonNode.Parse(detail),
    }.ToJsonString();
}
