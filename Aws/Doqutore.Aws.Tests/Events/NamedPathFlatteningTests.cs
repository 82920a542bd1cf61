using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Events;

namespace Doqutore.Aws.Tests.Events;

/// <summary>
/// Events are flattened only at the paths the rules name (FlatEvent walks a trie of them): what is skipped must
/// not change any answer, skipped subtrees are still validated, and a set rebuilds its paths with its rules.
/// </summary>
public sealed class NamedPathFlatteningTests
{
    private const string StopLogging = """
        {"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail",
         "detail":{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userIdentity":{"type":"IAMUser"},
                   "resources":[{"ARN":"arn:aws:cloudtrail:us-east-1:111122223333:trail/t","type":"AWS::CloudTrail::Trail"}],
                   "requestParameters":{"name":"t","tags":[{"key":"k","value":[1,2,{"deep":[true,null]}]}]}}}
        """;

    private static bool Matches(string pattern, string @event) => EventPattern.Parse(pattern).Matches(@event);

    [Fact]
    public void A_rule_matches_when_the_event_carries_large_subtrees_no_rule_names() =>
        Assert.True(Matches("""{"detail":{"eventName":["StopLogging"]}}""", StopLogging));

    [Fact]
    public void Invalid_json_inside_a_subtree_no_rule_names_is_still_an_argument_exception() =>
        Assert.Throws<ArgumentException>(() => Matches("""{"source":["a"]}""", """{"source":"a","other":{"x":[1,2,}}"""));

    [Fact]
    public void Content_after_the_event_object_is_an_argument_exception() =>
        Assert.Throws<ArgumentException>(() => Matches("""{"source":["a"]}""", """{"source":"a"} {}"""));

    [Fact]
    public void An_event_string_with_a_lone_surrogate_is_an_argument_exception() =>
        Assert.Throws<ArgumentException>(() => Matches("""{"source":["a"]}""", "{\"source\":\"\ud800\"}"));

    [Fact]
    public void An_invalid_event_does_not_spoil_the_next_match_on_the_thread()
    {
        var pattern = EventPattern.Parse("""{"detail":{"eventName":["StopLogging"]}}""");
        Assert.Throws<ArgumentException>(() => pattern.Matches("""{"detail":{"eventName":"StopLogging",}"""));
        Assert.True(pattern.Matches(StopLogging));
        Assert.False(pattern.Matches("""{"detail":{"eventName":"StartLogging"}}"""));
    }

    [Fact]
    public void Exists_false_matches_when_the_path_is_absent_from_the_event() =>
        Assert.True(Matches("""{"detail":{"errorCode":[{"exists":false}]}}""", StopLogging));

    [Fact]
    public void Exists_false_matches_when_the_path_holds_only_an_object() =>
        Assert.True(Matches("""{"detail":{"requestParameters":[{"exists":false}]}}""", StopLogging));

    [Fact]
    public void Exists_false_does_not_match_when_the_path_holds_a_value_inside_an_array() =>
        Assert.False(Matches("""{"detail":{"requestParameters":{"tags":{"value":[{"exists":false}]}}}}""", StopLogging));

    [Fact]
    public void Anything_but_on_a_path_absent_from_the_event_does_not_match() =>
        Assert.False(Matches("""{"detail":{"errorCode":[{"anything-but":"AccessDenied"}]}}""", StopLogging));

    [Fact]
    public void A_value_nested_in_arrays_of_objects_under_a_named_path_matches() =>
        Assert.True(Matches("""{"detail":{"requestParameters":{"tags":{"value":{"deep":[null]}}}}}""", StopLogging));

    [Fact]
    public void Fields_from_different_elements_of_one_array_do_not_combine() =>
        Assert.False(Matches(
            """{"detail":{"resources":{"type":["AWS::CloudTrail::Trail"],"ARN":["arn:x"]}}}""",
            """{"detail":{"resources":[{"type":"AWS::CloudTrail::Trail","ARN":"arn:y"},{"type":"AWS::S3::Bucket","ARN":"arn:x"}]}}"""));

    [Fact]
    public void A_key_holding_a_dot_reaches_the_same_path_as_nested_keys() =>
        Assert.True(Matches("""{"detail":{"eventName":["StopLogging"]}}""", """{"detail.eventName":"StopLogging"}"""));

    [Fact]
    public void A_key_holding_a_dot_below_a_named_prefix_reaches_the_nested_path() =>
        Assert.True(Matches("""{"detail":{"userIdentity":{"type":["Root"]}}}""", """{"detail":{"userIdentity.type":"Root"}}"""));

    [Fact]
    public void A_json_element_parsed_with_comments_and_trailing_commas_matches()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var document = JsonDocument.Parse("""{"source": /* c */ "aws.s3", "detail": {"n": [1, 2,], }, }""", options);
        Assert.True(EventPattern.Parse("""{"source":["aws.s3"],"detail":{"n":[2]}}""").Matches(document.RootElement));
    }

    [Fact]
    public void A_json_element_nested_in_a_larger_document_is_matched_on_its_own_content()
    {
        using var document = JsonDocument.Parse("""{"outer":"x","event":{"source":"aws.s3"}}""");
        var pattern = EventPattern.Parse("""{"source":["aws.s3"]}""");
        Assert.True(pattern.Matches(document.RootElement.GetProperty("event")));
        Assert.False(pattern.Matches(document.RootElement));
    }

    [Fact]
    public void A_rule_added_after_events_were_matched_sees_the_paths_it_names()
    {
        var set = new EventPatternSet();
        set.Add("source", EventPattern.Parse("""{"source":["aws.cloudtrail"]}"""));
        Assert.Equal(["source"], set.Match(StopLogging));
        set.Add("user-type", EventPattern.Parse("""{"detail":{"userIdentity":{"type":["IAMUser"]}}}"""));
        Assert.Equal(["source", "user-type"], set.Match(StopLogging));
        Assert.True(set.Remove("source"));
        Assert.Equal(["user-type"], set.Match(StopLogging));
    }

    [Fact]
    public void A_set_matches_the_same_from_text_element_and_node()
    {
        var set = new EventPatternSet();
        set.Add("tag", EventPattern.Parse("""{"detail":{"requestParameters":{"tags":{"key":["k"],"value":[2]}}}}"""));
        set.Add("no-error", EventPattern.Parse("""{"detail":{"errorCode":[{"exists":false}]}}"""));
        using var document = JsonDocument.Parse(StopLogging);
        Assert.Equal(["tag", "no-error"], set.Match(StopLogging));
        Assert.Equal(["tag", "no-error"], set.Match(document.RootElement));
        Assert.Equal(["tag", "no-error"], set.Match(JsonNode.Parse(StopLogging)));
    }

    [Fact]
    public void Matching_on_several_threads_at_once_gives_each_event_its_own_answer()
    {
        var set = new EventPatternSet();
        set.Add("even", EventPattern.Parse("""{"detail":{"n":[{"numeric":["<",0]}],"parity":["even"]}}"""));
        set.Add("odd", EventPattern.Parse("""{"detail":{"parity":["odd"]}}"""));
        var wrong = 0;
        Parallel.For(0, 4000, i =>
        {
            var parity = i % 2 == 0 ? "even" : "odd";
            var matched = set.Match($$$"""{"detail":{"n":-{{{i + 1}}},"parity":"{{{parity}}}","pad":[{{{i}}},{"x":{{{i}}}}]}}""");
            if (matched.Count != 1 || matched[0] != parity)
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }
}
