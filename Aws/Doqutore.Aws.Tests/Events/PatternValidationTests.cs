using Doqutore.Aws.Events;

namespace Doqutore.Aws.Tests.Events;

/// <summary>Whole InvalidEventPatternException messages: event-ruler's reason and Jackson's location.</summary>
public sealed class PatternValidationTests
{
    private static string MessageOf(string pattern) =>
        Assert.Throws<InvalidEventPatternException>(() => EventPattern.Parse(pattern)).Message;

    [Fact]
    public void A_scalar_field_value_is_refused_with_the_location_after_the_values_opening_quote() =>
        Assert.Equal(
            "Event pattern is not valid. Reason: \"source\" must be an object or an array\n at [Source: (String)\"{\"source\":\"aws.ec2\"}\"; line: 1, column: 12]",
            MessageOf("""{"source":"aws.ec2"}"""));

    [Fact]
    public void An_unknown_match_type_is_refused_with_its_name() =>
        Assert.Equal(
            "Event pattern is not valid. Reason: Unrecognized match type foo\n at [Source: (String)\"{\"source\":[{\"foo\":\"bar\"}]}\"; line: 1, column: 20]",
            MessageOf("""{"source":[{"foo":"bar"}]}"""));

    [Fact]
    public void A_pattern_that_is_not_an_object_is_refused() =>
        Assert.Equal(
            "Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)\"[\"a\"]\"; line: 1, column: 2]",
            MessageOf("""["a"]"""));

    [Fact]
    public void The_location_counts_lines_and_columns() =>
        Assert.EndsWith("; line: 2, column: 14]", MessageOf("{\n  \"source\": \"x\"\n}"), StringComparison.Ordinal);

    [Fact]
    public void A_number_out_of_range_is_refused_without_a_location() =>
        Assert.Equal(
            "Event pattern is not valid. Reason: Value must be between -5.0E9 and 5.0E9, inclusive",
            MessageOf("""{"n":[{"numeric":["<",-5000000000.5]}]}"""));

    [Fact]
    public void A_long_pattern_is_truncated_in_the_location_at_500_characters()
    {
        var pattern = "{\"source\":\"" + new string('x', 600) + "\"}";
        Assert.EndsWith("\"[truncated 113 chars]; line: 1, column: 12]", MessageOf(pattern), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_returns_the_message_instead_of_throwing()
    {
        Assert.False(EventPattern.TryParse("""{"source":[]}""", out var pattern, out var error));
        Assert.Null(pattern);
        Assert.StartsWith("Event pattern is not valid. Reason: Empty arrays are not allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_accepts_a_valid_pattern_and_keeps_its_text()
    {
        Assert.True(EventPattern.TryParse("""{"source":["aws.ec2"]}""", out var pattern, out var error));
        Assert.Null(error);
        Assert.Equal("""{"source":["aws.ec2"]}""", pattern!.Json);
    }

    [Fact]
    public void The_error_raised_first_while_reading_wins()
    {
        // event-ruler reads left to right: the empty array comes before the unknown operator.
        Assert.StartsWith("Event pattern is not valid. Reason: Empty arrays are not allowed",
            MessageOf("""{"a":[],"b":[{"nope":1}]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_1000_or_combinations_are_allowed()
    {
        static string Or(string prefix, int n) => "{\"$or\":[" + string.Join(",", Enumerable.Range(0, n).Select(i => $"{{\"{prefix}{i}\":[\"v\"]}}")) + "]}";
        var pattern = $"{{\"a\":{Or("x", 10)},\"b\":{Or("y", 10)},\"c\":{Or("z", 10)}}}";
        Assert.Equal(1000, EventPattern.Parse(pattern).Alternatives.Length);
    }

    [Fact]
    public void The_api_limit_on_pattern_length_is_4096() => Assert.Equal(4096, EventPattern.MaxLength);
}
