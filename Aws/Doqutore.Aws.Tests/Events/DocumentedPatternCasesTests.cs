using Doqutore.Aws.Events;

namespace Doqutore.Aws.Tests.Events;

/// <summary>The cases in <c>Events/Cases/*.json</c>, written from the EventBridge user guide, one test each.</summary>
public sealed class DocumentedPatternCasesTests
{
    [Theory]
    [MemberData(nameof(PatternCase.Ids), MemberType = typeof(PatternCase))]
    public void Documented_case_holds(string id)
    {
        var c = PatternCase.Cases[id];
        if (c.Error is not null)
        {
            var e = Assert.Throws<InvalidEventPatternException>(() => EventPattern.Parse(c.Pattern));
            Assert.StartsWith("Event pattern is not valid. Reason: " + c.Error, e.Message, StringComparison.Ordinal);
            var rest = e.Message[("Event pattern is not valid. Reason: " + c.Error).Length..];
            Assert.True(rest.Length == 0 || rest.StartsWith($"\n at [Source: (String)\"{c.Pattern}\"; line: 1, column: ", StringComparison.Ordinal), e.Message);
            return;
        }
        var pattern = EventPattern.Parse(c.Pattern);
        Assert.Equal(c.Matches, pattern.Matches(c.Event));
        Assert.Equal(c.Matches, pattern.Matches(c.Event!.ToJsonString()));
    }

    [Fact]
    public void There_are_at_least_150_documented_cases() =>
        Assert.True(PatternCase.Cases.Count >= 150, $"{PatternCase.Cases.Count} cases");

    [Fact]
    public void Every_documented_case_names_its_source_and_one_expectation() =>
        Assert.All(PatternCase.Cases.Values, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Source));
            Assert.True((c.Error is null) != (c.Matches is null), c.Id);
        });
}
