using Doqutore.Aws.Events;

namespace Doqutore.Aws.Tests.Events;

public sealed class EventPatternSetTests
{
    private const string StopLogging = """
        {"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail",
         "detail":{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userIdentity":{"type":"IAMUser"}}}
        """;

    private static EventPatternSet Set(params (string Name, string Pattern)[] patterns)
    {
        var set = new EventPatternSet();
        foreach (var (name, pattern) in patterns)
        {
            set.Add(name, EventPattern.Parse(pattern));
        }
        return set;
    }

    [Fact]
    public void Returns_the_names_of_matching_patterns_in_the_order_added()
    {
        var set = Set(
            ("any-cloudtrail", """{"source":["aws.cloudtrail"]}"""),
            ("delete-trail", """{"detail":{"eventName":["DeleteTrail"]}}"""),
            ("stop-logging", """{"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging","DeleteTrail"]}}"""),
            ("by-iam-user", """{"detail":{"userIdentity":{"type":[{"prefix":"IAM"}]}}}"""));
        Assert.Equal(["any-cloudtrail", "stop-logging", "by-iam-user"], set.Match(StopLogging));
    }

    [Fact]
    public void A_pattern_with_or_is_reported_once()
    {
        var set = Set(("or", """{"$or":[{"source":["aws.cloudtrail"]},{"detail":{"eventName":["StopLogging"]}}]}"""));
        Assert.Equal(["or"], set.Match(StopLogging));
    }

    [Fact]
    public void Adding_a_name_again_replaces_its_pattern()
    {
        var set = Set(("r", """{"source":["aws.s3"]}"""));
        set.Add("r", EventPattern.Parse("""{"source":["aws.cloudtrail"]}"""));
        Assert.Equal(1, set.Count);
        Assert.Equal(["r"], set.Match(StopLogging));
    }

    [Fact]
    public void A_removed_pattern_no_longer_matches()
    {
        var set = Set(("r", """{"source":["aws.cloudtrail"]}"""));
        Assert.True(set.Remove("r"));
        Assert.False(set.Remove("r"));
        Assert.Empty(set.Match(StopLogging));
    }

    [Fact]
    public void The_set_agrees_with_each_pattern_on_its_own()
    {
        var patterns = new[]
        {
            """{"source":["aws.cloudtrail"],"detail":{"eventName":["StopLogging"]}}""",
            """{"source":["aws.cloudtrail"],"detail":{"eventName":["StartLogging"]}}""",
            """{"detail":{"eventName":[{"anything-but":"StopLogging"}]}}""",
            """{"detail":{"eventName":[{"exists":false}]}}""",
            """{"detail":{"errorCode":[{"exists":false}]},"source":["aws.cloudtrail"]}""",
            """{"detail-type":[{"wildcard":"AWS API Call*"}],"detail":{"eventSource":["cloudtrail.amazonaws.com"]}}""",
            """{"source":["aws.cloudtrail","aws.iam"],"detail":{"userIdentity":{"type":["Root"]}}}""",
        };
        var set = Set([.. patterns.Select((p, i) => ($"p{i}", p))]);
        var expected = patterns.Select((p, i) => (p, i)).Where(x => EventPattern.Parse(x.p).Matches(StopLogging)).Select(x => $"p{x.i}");
        Assert.Equal(expected, set.Match(StopLogging));
        Assert.Equal(["p0", "p4", "p5"], set.Match(StopLogging));
    }

    [Fact]
    public void An_empty_set_matches_nothing() => Assert.Empty(new EventPatternSet().Match(StopLogging));
}
