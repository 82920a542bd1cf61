using System.Text;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>
/// A regular expression between percent signs (<c>%ERROR|WARN%</c>), usable as a text term, a JSON value or a
/// space-delimited field value. It matches anywhere in the text (unanchored unless it says <c>^</c>/<c>$</c>);
/// <c>\%</c> stands for a literal percent sign. AWS allows at most two per pattern. Compiled non-backtracking,
/// so matching time stays linear whatever the log line.
/// </summary>
internal static class RegexTerm
{
    public const int MaxPerPattern = 2;

    public static bool StartsAt(string text, int i) => i < text.Length && text[i] == '%';

    /// <summary>Reads <c>%…%</c> at <paramref name="i"/>; throws for an unterminated or invalid expression.</summary>
    public static Regex Read(string text, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '%')
            {
                return Compile(builder.ToString());
            }

            if (c == '\\' && i < text.Length && text[i] == '%')
            {
                c = text[i++];
            }

            builder.Append(c);
        }

        throw FilterPatternErrors.Invalid();
    }

    private static Regex Compile(string expression)
    {
        if (expression.Length == 0)
        {
            throw FilterPatternErrors.Invalid();
        }

        try
        {
            return new Regex(expression, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw FilterPatternErrors.Invalid();
        }
    }
}
