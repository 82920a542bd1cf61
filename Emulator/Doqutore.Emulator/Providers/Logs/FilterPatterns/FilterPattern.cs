// A CloudWatch Logs filter pattern, parsed once and matched against many log event messages.
//
// Three syntaxes share the FilterPattern member of the API; the first significant character decides:
//   '{'  a JSON pattern       { $.a.b = "x" && ($.n > 3 || $.m IS NULL) }      (JsonPattern)
//   '['  a space-delimited one [ip, user, ..., status = 4* || status = 5*]      (SpaceDelimitedPattern)
//   else unstructured text     ERROR "two words" ?maybe -excluded              (TextPattern)
// Each syntax also takes %regex% terms or values (RegexTerm), at most two per pattern.
// An empty or blank pattern matches every event. Matching is case-sensitive throughout.
// Invalid patterns throw InvalidParameterException (FilterPatternErrors) at parse time, never at match time:
// Matches never throws, whatever the message.
namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>A parsed CloudWatch Logs filter pattern.</summary>
public abstract class FilterPattern
{
    /// <summary>The longest pattern the API accepts (FilterPattern is 0–1024 characters).</summary>
    public const int MaxLength = 1024;

    /// <summary>The pattern that matches every event (an empty or blank pattern).</summary>
    public static FilterPattern All { get; } = new MatchAll();

    /// <summary>Parses <paramref name="text"/>; throws <c>InvalidParameterException</c> when it is not a valid pattern.</summary>
    public static FilterPattern Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }

        var trimmed = text.Trim();
        return trimmed[0] switch
        {
            '{' => JsonPatternParser.Parse(trimmed),
            '[' => SpaceDelimitedPattern.ParseFields(trimmed),
            _ => TextPattern.ParseTerms(trimmed),
        };
    }

    /// <summary>True when the log event <paramref name="message"/> matches.</summary>
    public abstract bool Matches(string message);

    private sealed class MatchAll : FilterPattern
    {
        public override bool Matches(string message) => true;
    }
}
