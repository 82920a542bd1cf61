using System.Globalization;
using System.Text;

namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>
/// A space-delimited pattern, <c>[ip, user, ..., request = *.html*, status = 4* || status = 5*, bytes &gt; 1000]</c>.
/// The message splits on whitespace; text inside <c>""</c> or <c>[]</c> is one field (delimiters removed).
/// Without <c>...</c> the message must have exactly as many fields as the pattern; each <c>...</c> stands
/// for any number of fields. A field is a name, optionally with conditions joined by <c>&amp;&amp;</c> and
/// <c>||</c> (<c>&amp;&amp;</c> binds tighter) on that same field. <c>=</c> and <c>!=</c> compare numbers
/// numerically and anything else as text with <c>*</c> wildcards; <c>&lt; &lt;= &gt; &gt;=</c> need a number.
/// </summary>
internal sealed class SpaceDelimitedPattern : FilterPattern
{
    private readonly List<Field?> _fields; // null = "..."

    private SpaceDelimitedPattern(List<Field?> fields) => _fields = fields;

    public static SpaceDelimitedPattern ParseFields(string text)
    {
        if (text[^1] != ']')
        {
            throw FilterPatternErrors.Invalid();
        }

        var fields = new List<Field?>();
        foreach (var part in SplitFields(text[1..^1]))
        {
            var trimmed = part.Trim();
            if (trimmed.Length == 0)
            {
                throw FilterPatternErrors.Invalid();
            }

            fields.Add(trimmed == "..." ? null : Field.Parse(trimmed));
        }

        if (fields.Sum(f => f?.RegexCount ?? 0) > RegexTerm.MaxPerPattern)
        {
            throw FilterPatternErrors.TooManyRegexes();
        }

        return new SpaceDelimitedPattern(fields);
    }

    public override bool Matches(string message) => Match(0, Split(message), 0);

    private bool Match(int p, List<string> values, int v)
    {
        if (p == _fields.Count)
        {
            return v == values.Count;
        }

        if (_fields[p] is not { } field)
        {
            for (var skip = v; skip <= values.Count; skip++)
            {
                if (Match(p + 1, values, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return v < values.Count && field.Matches(values[v]) && Match(p + 1, values, v + 1);
    }

    /// <summary>The fields of a log message: whitespace separates, <c>"…"</c> and <c>[…]</c> group.</summary>
    internal static List<string> Split(string message)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < message.Length)
        {
            if (char.IsWhiteSpace(message[i]))
            {
                i++;
                continue;
            }

            var close = message[i] switch { '"' => '"', '[' => ']', _ => '\0' };
            if (close != '\0')
            {
                var end = message.IndexOf(close, i + 1);
                if (end >= 0)
                {
                    fields.Add(message[(i + 1)..end]);
                    i = end + 1;
                    continue;
                }
            }

            var start = i;
            while (i < message.Length && !char.IsWhiteSpace(message[i]))
            {
                i++;
            }

            fields.Add(message[start..i]);
        }

        return fields;
    }

    /// <summary>Splits the pattern's body on commas outside quotes.</summary>
    private static List<string> SplitFields(string body)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '"' && (i == 0 || body[i - 1] != '\\'))
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (quoted)
        {
            throw FilterPatternErrors.Invalid();
        }

        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>One named field and its conditions, an OR of ANDs.</summary>
    private sealed class Field
    {
        private readonly List<List<Condition>> _alternatives = [];

        public int RegexCount => _alternatives.Sum(all => all.Count(c => c.Regex is not null));

        public bool Matches(string value) =>
            _alternatives.Count == 0 || _alternatives.Exists(all => all.TrueForAll(c => c.Matches(value)));

        public static Field Parse(string text)
        {
            var field = new Field();
            var i = 0;
            var name = ReadName(text, ref i);
            SkipSpace(text, ref i);
            if (i == text.Length)
            {
                return field;
            }

            var all = new List<Condition>();
            field._alternatives.Add(all);
            while (true)
            {
                all.Add(Condition.Read(text, ref i));
                SkipSpace(text, ref i);
                if (i == text.Length)
                {
                    return field;
                }

                if (Next(text, i, "&&"))
                {
                    i += 2;
                }
                else if (Next(text, i, "||"))
                {
                    i += 2;
                    all = [];
                    field._alternatives.Add(all);
                }
                else
                {
                    throw FilterPatternErrors.Invalid();
                }

                SkipSpace(text, ref i);
                // [guess] A condition after && or || names the same field; another name is refused.
                if (ReadName(text, ref i) != name)
                {
                    throw FilterPatternErrors.Invalid();
                }
            }
        }

        private static string ReadName(string text, ref int i)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
            {
                i++;
            }

            if (i == start)
            {
                throw FilterPatternErrors.Invalid();
            }

            return text[start..i];
        }
    }

    private sealed record Condition(string Operator, string Value, double? Number, System.Text.RegularExpressions.Regex? Regex = null)
    {
        public static Condition Read(string text, ref int i)
        {
            SkipSpace(text, ref i);
            var op = Next(text, i, "!=") ? "!=" : Next(text, i, "<=") ? "<=" : Next(text, i, ">=") ? ">="
                : i < text.Length && text[i] is '=' or '<' or '>' ? text[i].ToString() : throw FilterPatternErrors.Invalid();
            i += op.Length;
            SkipSpace(text, ref i);
            string value;
            if (RegexTerm.StartsAt(text, i))
            {
                var regex = RegexTerm.Read(text, ref i);
                return op is "=" or "!=" ? new Condition(op, string.Empty, null, regex) : throw FilterPatternErrors.Invalid();
            }

            var quoted = i < text.Length && text[i] == '"';
            if (quoted)
            {
                value = TextPattern.ReadQuoted(text, ref i);
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !Next(text, i, "&&") && !Next(text, i, "||"))
                {
                    i++;
                }

                value = text[start..i];
                if (value.Length == 0)
                {
                    throw FilterPatternErrors.Invalid();
                }
            }

            double? number = !quoted && TryNumber(value, out var n) ? n : null;
            if (op is "<" or "<=" or ">" or ">=" && number is null)
            {
                throw FilterPatternErrors.Invalid();
            }

            return new Condition(op, value, number);
        }

        public bool Matches(string field)
        {
            if (Regex is not null)
            {
                return Regex.IsMatch(field) == (Operator == "=");
            }

            if (Number is { } expected && TryNumber(field, out var actual))
            {
                return Operator switch
                {
                    "=" => actual == expected,
                    "!=" => actual != expected,
                    "<" => actual < expected,
                    "<=" => actual <= expected,
                    ">" => actual > expected,
                    _ => actual >= expected,
                };
            }

            return Operator switch
            {
                "=" => Glob.Matches(Value, field),
                "!=" => !Glob.Matches(Value, field),
                _ => false,
            };
        }
    }

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool Next(string text, int i, string token) => string.CompareOrdinal(text, i, token, 0, token.Length) == 0;

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }
}
