namespace Doqutore.Emulator.Authorization;

/// <summary>
/// IAM's glob: <c>*</c> matches any run of characters (including none), <c>?</c> exactly one. Actions match
/// case-insensitively, resources and String/Arn conditions case-sensitively. A pattern rendered from policy
/// variables is "escaped": a backslash makes the next character literal, so <c>${*}</c> and variable values
/// containing <c>*</c> or <c>?</c> never act as wildcards.
/// </summary>
internal static class Wildcard
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase, bool escaped = false)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                var c = pattern[p];
                if (c == '*' )
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }

                if (c == '?')
                {
                    p++;
                    t++;
                    continue;
                }

                var width = 1;
                if (escaped && c == '\\' && p + 1 < pattern.Length)
                {
                    c = pattern[p + 1];
                    width = 2;
                }

                if (Same(c, text[t], ignoreCase))
                {
                    p += width;
                    t++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// ARN matching (Resource elements and the Arn* operators): each of the six colon-separated parts is
    /// matched on its own, so a wildcard never spans a colon before the resource part; the resource part (the
    /// sixth) keeps its own colons. A pattern that is not six-part shaped is matched as a whole string.
    /// </summary>
    public static bool MatchArn(ReadOnlySpan<char> pattern, ReadOnlySpan<char> arn, bool escaped = false)
    {
        if (pattern.Length == 1 && pattern[0] == '*')
        {
            return true;
        }

        Span<Range> patternParts = stackalloc Range[6];
        Span<Range> arnParts = stackalloc Range[6];
        if (pattern.Split(patternParts, ':') < 6 || arn.Split(arnParts, ':') < 6)
        {
            return Match(pattern, arn, ignoreCase: false, escaped);
        }

        for (var i = 0; i < 6; i++)
        {
            if (!Match(pattern[patternParts[i]], arn[arnParts[i]], ignoreCase: false, escaped))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
