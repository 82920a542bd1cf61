using Doqutore.Aws.Protocols;

namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>The errors of an invalid filter pattern, as CloudWatch Logs answers them (HTTP 400).</summary>
internal static class FilterPatternErrors
{
    /// <summary>AWS's answer to an unquoted term holding characters other than letters, digits and underscores.</summary>
    public static AwsServiceException InvalidTerm(string term) =>
        new("InvalidParameterException", $"Invalid character(s) in term '{term}'", 400);

    /// <summary>More than two <c>%regex%</c> terms in one pattern. [guess] AWS's wording.</summary>
    public static AwsServiceException TooManyRegexes() =>
        new("InvalidParameterException", "A filter pattern can contain at most 2 regular expressions.", 400);

    /// <summary>Any other malformed pattern. [guess] AWS's exact wording for structural errors.</summary>
    public static AwsServiceException Invalid() => new("InvalidParameterException", "Invalid filter pattern", 400);
}
