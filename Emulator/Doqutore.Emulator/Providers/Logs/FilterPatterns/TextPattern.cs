using System.Text;

namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>
/// An unstructured-text pattern: terms and quoted phrases, each plain (must appear), <c>?</c>-prefixed (at
/// least one of them must appear) or <c>-</c>-prefixed (must not appear). Terms match as substrings.
/// Unquoted terms hold only letters, digits and underscores; anything else must be quoted. A <c>%regex%</c>
/// term matches where its expression does (<see cref="RegexTerm"/>).
/// [guess] Mixing plain and <c>?</c> terms: every plain term AND at least one <c>?</c> term.
/// </summary>
internal sealed class TextPattern : FilterPattern
{
    private readonly List<Func<string, bool>> _required = [];
    private readonly List<Func<string, bool>> _optional = [];
    private readonly List<Func<string, bool>> _excluded = [];

    public static TextPattern ParseTerms(string text)
    {
        var pattern = new TextPattern();
        var i = 0;
        var regexes = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var list = pattern._required;
            if (text[i] is '?' or '-')
            {
                list = text[i] == '?' ? pattern._optional : pattern._excluded;
                i++;
                if (i >= text.Length || char.IsWhiteSpace(text[i]))
                {
                    throw FilterPatternErrors.Invalid();
                }
            }

            if (RegexTerm.StartsAt(text, i))
            {
                if (++regexes > RegexTerm.MaxPerPattern)
                {
                    throw FilterPatternErrors.TooManyRegexes();
                }

                list.Add(RegexTerm.Read(text, ref i).IsMatch);
            }
            else
            {
                var term = text[i] == '"' ? ReadQuoted(text, ref i) : ReadTerm(text, ref i);
                list.Add(message => Contains(message, term));
            }
        }

        return pattern;
    }

    public override bool Matches(string message)
    {
        foreach (var term in _required)
        {
            if (!term(message))
            {
                return false;
            }
        }

        foreach (var term in _excluded)
        {
            if (term(message))
            {
                return false;
            }
        }

        return _optional.Count == 0 || _optional.Exists(term => term(message));
    }

    // A blank phrase (" ") matches every event, as AWS documents.
    private static bool Contains(string message, string term) =>
        string.IsNullOrWhiteSpace(term) || message.Contains(term, StringComparison.Ordinal);

    /// <summary>A double-quoted phrase; <c>\"</c> and <c>\\</c> escape inside it.</summary>
    internal static string ReadQuoted(string text, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c == '\\' && i < text.Length)
            {
                c = text[i++];
            }

            builder.Append(c);
        }

        throw FilterPatternErrors.Invalid();
    }

    private static string ReadTerm(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var term = text[start..i];
        foreach (var c in term)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw FilterPatternErrors.InvalidTerm(term);
            }
        }

        return term;
    }
}
