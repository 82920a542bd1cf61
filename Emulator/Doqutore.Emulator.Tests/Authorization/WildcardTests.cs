using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

public class WildcardTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abbbd", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*b*b*", "abxbx", true)]
    [InlineData("*x", "aaaaaaaaaaaaaaaaaaaa", false)]
    public void Globs_match_like_IAM(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Wildcard.Match(pattern, text, ignoreCase: false));

    [Fact]
    public void Escaped_wildcards_are_literal()
    {
        Assert.True(Wildcard.Match("a\\*", "a*", ignoreCase: false, escaped: true));
        Assert.False(Wildcard.Match("a\\*", "ab", ignoreCase: false, escaped: true));
    }

    [Theory]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b/x:y", true)]
    [InlineData("arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:user/a", true)]
    [InlineData("arn:aws:iam::1*:role/*", "arn:aws:iam::111122223333:user/a", false)]
    [InlineData("arn:aws:sqs:us-east-1:111122223333:q", "arn:aws:sqs:us-east-1:111122223333:Q", false)]
    public void Arns_match_part_by_part(string pattern, string arn, bool expected) =>
        Assert.Equal(expected, Wildcard.MatchArn(pattern, arn));
}
