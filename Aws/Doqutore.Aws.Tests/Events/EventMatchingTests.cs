using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Events;

namespace Doqutore.Aws.Tests.Events;

public sealed class EventMatchingTests
{
    [Fact]
    public void An_event_that_is_not_json_is_an_argument_exception() =>
        Assert.Throws<ArgumentException>(() => EventPattern.Parse("""{"source":["a"]}""").Matches("{not json"));

    [Fact]
    public void A_json_node_event_matches_as_its_text_does()
    {
        var pattern = EventPattern.Parse("""{"detail":{"n":[{"numeric":[">",1]}],"s":[{"prefix":"ab"}],"z":[null]}}""");
        var node = new JsonObject { ["detail"] = new JsonObject { ["n"] = 2, ["s"] = "abc", ["z"] = null } };
        Assert.True(pattern.Matches(node));
        Assert.True(pattern.Matches(node.ToJsonString()));
    }

    [Fact]
    public void A_json_element_event_matches()
    {
        using var document = JsonDocument.Parse("""{"source":"aws.ec2"}""");
        Assert.True(EventPattern.Parse("""{"source":["aws.ec2"]}""").Matches(document.RootElement));
    }

    [Fact]
    public void A_null_event_matches_only_absence()
    {
        Assert.False(EventPattern.Parse("""{"source":["a"]}""").Matches((JsonNode?)null));
        Assert.True(EventPattern.Parse("""{"source":[{"exists":false}]}""").Matches((JsonNode?)null));
    }

    [Fact]
    public void Duplicate_keys_in_an_event_contribute_every_value() =>
        Assert.True(EventPattern.Parse("""{"a":["2"]}""").Matches("""{"a":"1","a":"2"}"""));

    [Fact]
    public void Duplicate_nested_objects_in_a_pattern_keep_both_fields_as_event_ruler_does()
    {
        var pattern = EventPattern.Parse("""{"d":{"a":["1"]},"d":{"b":["2"]}}""");
        Assert.True(pattern.Matches("""{"d":{"a":"1","b":"2"}}"""));
        Assert.False(pattern.Matches("""{"d":{"b":"2"}}"""));
    }

    [Fact]
    public void Backtracking_finds_the_consistent_array_element()
    {
        // The first element with k=x has the wrong v; the search must try the second one.
        var pattern = EventPattern.Parse("""{"items":{"k":["x"],"v":["2"]}}""");
        Assert.True(pattern.Matches("""{"items":[{"k":"x","v":"1"},{"k":"y","v":"2"},{"k":"x","v":"2"}]}"""));
    }

    [Fact]
    public void Escaped_characters_in_pattern_strings_are_unescaped() =>
        Assert.True(EventPattern.Parse("""{"s":["a\"b\\c\u00e9"]}""").Matches("""{"s":"a\"b\\cé"}"""));

    [Fact]
    public void A_json_node_holding_a_non_string_clr_value_matches_by_its_json_text()
    {
        var node = new JsonObject { ["id"] = JsonValue.Create(new Guid("6a7e8feb-b491-4cf7-a9f1-bf3703467718")), ["c"] = JsonValue.Create('x') };
        Assert.True(EventPattern.Parse("""{"id":[{"prefix":"6a7e8feb-"}],"c":["x"]}""").Matches(node));
    }
}
