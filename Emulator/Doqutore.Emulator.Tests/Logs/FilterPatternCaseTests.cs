using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Providers.Logs.FilterPatterns;

namespace Doqutore.Emulator.Tests.Logs;

/// <summary>
/// Every case of <c>Cases/filter-patterns.json</c>, written from the CloudWatch Logs user guide ("Filter pattern
/// syntax"): a pattern and a message with the expected match, or an invalid pattern with AWS's error message.
/// </summary>
public class FilterPatternCaseTests
{
    private static readonly Lazy<Dictionary<string, JsonObject>> All = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Logs", "Cases", "filter-patterns.json")))!
            .AsArray().Select(c => c!.AsObject()).ToDictionary(c => (string)c["name"]!));

    public static TheoryData<string> Matching() => [.. All.Value.Values.Where(c => c["error"] is null).Select(c => (string)c["name"]!)];

    public static TheoryData<string> Invalid() => [.. All.Value.Values.Where(c => c["error"] is not null).Select(c => (string)c["name"]!)];

    [Fact]
    public void There_are_at_least_60_cases() => Assert.True(All.Value.Count >= 60);

    [Theory]
    [MemberData(nameof(Matching))]
    public void The_pattern_matches_as_the_case_expects(string name)
    {
        var testCase = All.Value[name];

        var matched = FilterPattern.Parse((string)testCase["pattern"]!).Matches((string)testCase["message"]!);

        Assert.Equal((bool)testCase["match"]!, matched);
    }

    [Fact]
    public void Every_valid_pattern_answers_every_message_without_throwing()
    {
        var patterns = All.Value.Values.Where(c => c["error"] is null).Select(c => FilterPattern.Parse((string)c["pattern"]!)).ToList();
        string[] odd = ["", " ", "{", "[", "\"", "{\"a\":", "[1,2]", "null", "{\"a\":[[[[1]]]]}", new string('x', 100_000), "a\u0000b"];
        var messages = All.Value.Values.Where(c => c["message"] is not null).Select(c => (string)c["message"]!).Concat(odd).ToList();

        var matches = patterns.Sum(p => messages.Count(p.Matches));

        Assert.InRange(matches, 1, patterns.Count * messages.Count);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void The_invalid_pattern_is_refused_with_AWS_s_error(string name)
    {
        var testCase = All.Value[name];

        var error = Assert.Throws<AwsServiceException>(() => FilterPattern.Parse((string)testCase["pattern"]!));

        Assert.Equal(("InvalidParameterException", (string)testCase["error"]!, 400), (error.Code, error.Message, error.StatusCode));
    }
}
