using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.Events;

namespace Doqutore.Emulator.Tests.Events;

/// <summary>Target input forms, after the examples of AWS's input-transformer guide.</summary>
public class TargetInputTests
{
    private const string RuleArn = "arn:aws:events:us-east-1:000000000000:rule/r1";
    private static readonly DateTimeOffset Ingestion = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly JsonObject Event = JsonNode.Parse("""
        {"version":"0","id":"7bf73129","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"123456789012",
         "time":"2015-11-11T21:29:54Z","region":"us-east-1","resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
         "detail":{"instance-id":"i-0123456789","state":"RUNNING","count":3,"tags":{"a":"b"}}}
        """)!.AsObject();

    private static string Transform(string template, Dictionary<string, string>? paths = null) =>
        TargetInput.Transform(new InputTransformer(paths ?? new() { ["instance"] = "$.detail.instance-id", ["state"] = "$.detail.state" }, template), Event, RuleArn, "r1", Ingestion);

    [Fact]
    public void A_string_template_takes_values_unquoted() =>
        Assert.Equal("\"instance i-0123456789 is in RUNNING\"", Transform("\"instance <instance> is in <state>\""));

    [Fact]
    public void A_json_template_quotes_string_values_outside_strings() =>
        Assert.Equal("""{"instance": "i-0123456789", "state": [9, "RUNNING", true]}""", Transform("""{"instance": <instance>, "state": [9, <state>, true]}"""));

    [Fact]
    public void Objects_and_numbers_go_in_as_json() =>
        Assert.Equal("""{"n": 3, "t": {"a":"b"}}""", Transform("""{"n": <n>, "t": <t>}""", new() { ["n"] = "$.detail.count", ["t"] = "$.detail.tags" }));

    [Fact]
    public void A_path_missing_from_the_event_contributes_nothing() =>
        Assert.Equal("\"x  y\"", Transform("\"x <missing> y\"", new() { ["missing"] = "$.detail.nope" }));

    [Fact]
    public void Values_are_not_escaped() =>
        Assert.Equal("\"say \"hi\"\"", TargetInput.Transform(
            new InputTransformer(new Dictionary<string, string> { ["q"] = "$.detail.q" }, "\"say <q>\""),
            JsonNode.Parse("""{"detail":{"q":"\"hi\""}}""")!.AsObject(), RuleArn, "r1", Ingestion));

    [Fact]
    public void Reserved_variables_name_the_rule_and_the_ingestion_time() =>
        Assert.Equal($"\"{RuleArn} r1 2024-01-02T03:04:05.000Z\"", Transform("\"<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>\""));

    [Fact]
    public void The_event_variable_is_the_event_without_its_detail()
    {
        var output = JsonNode.Parse(Transform("""{"e": <aws.events.event>, "full": <aws.events.event.json>}"""))!;

        Assert.Null(output["e"]!["detail"]);
        Assert.Equal("aws.ec2", output["e"]!["source"]!.GetValue<string>());
        Assert.Equal("RUNNING", output["full"]!["detail"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public void Angle_brackets_that_name_no_variable_stay_text() =>
        Assert.Equal("\"a <b> c\"", Transform("\"a <b> c\""));

    [Fact]
    public void Input_path_selects_part_of_the_event() =>
        Assert.Equal("""{"instance-id":"i-0123456789","state":"RUNNING","count":3,"tags":{"a":"b"}}""",
            TargetInput.Render(new EventTarget("t", "arn", []) { InputPath = "$.detail" }, Event, RuleArn, "r1", Ingestion));

    [Fact]
    public void Constant_input_is_sent_as_given() =>
        Assert.Equal("""{"fixed":true}""", TargetInput.Render(new EventTarget("t", "arn", []) { Input = """{"fixed":true}""" }, Event, RuleArn, "r1", Ingestion));

    [Fact]
    public void Without_an_input_form_the_whole_event_is_sent() =>
        Assert.Equal(Event.ToJsonString(), TargetInput.Render(new EventTarget("t", "arn", []), Event, RuleArn, "r1", Ingestion));

    [Theory]
    [InlineData("$")]
    [InlineData("$.detail")]
    [InlineData("$.detail.instance-id")]
    [InlineData("$.resources[0]")]
    [InlineData("$['detail']['state']")]
    public void Json_paths_of_the_supported_subset_parse(string path) => Assert.NotNull(JsonPath.TryParse(path));

    [Theory]
    [InlineData("detail")]
    [InlineData("$.")]
    [InlineData("$..detail")]
    [InlineData("$[x]")]
    [InlineData("$.a[")]
    public void Malformed_json_paths_do_not_parse(string path) => Assert.Null(JsonPath.TryParse(path));
}
