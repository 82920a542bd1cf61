using System.Text.Json;

namespace Doqutore.Emulator.Providers.Logs.FilterPatterns;

/// <summary>
/// Parses <c>{ expression }</c>. Grammar (precedence: parentheses, then <c>&amp;&amp;</c>, then <c>||</c>):
/// <code>
/// or         := and ('||' and)*
/// and        := primary ('&amp;&amp;' primary)*
/// primary    := '(' or ')' | selector op value | selector 'IS' ('NULL'|'TRUE'|'FALSE') | selector 'NOT' 'EXISTS'
/// selector   := '$' ('.' name | '[' digits ']')*          name := [A-Za-z0-9_-]+
/// op         := '=' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;='
/// value      := "quoted" | number | %regex% | bareword (letters, digits, _ . - : / * @)
/// </code>
/// <c>IS NOT</c> and <c>EXISTS</c> alone are not supported by AWS and are refused; so are the ordering
/// operators with a non-numeric value.
/// </summary>
internal sealed class JsonPatternParser
{
    private readonly string _text;
    private int _i;
    private int _regexes;

    private JsonPatternParser(string text) => _text = text;

    public static JsonPattern Parse(string text)
    {
        if (text[^1] != '}')
        {
            throw FilterPatternErrors.Invalid();
        }

        var parser = new JsonPatternParser(text[1..^1]);
        var root = parser.ParseOr();
        parser.SkipSpace();
        if (parser._i != parser._text.Length)
        {
            throw FilterPatternErrors.Invalid();
        }

        return new JsonPattern(root);
    }

    private JsonCondition ParseOr()
    {
        var left = ParseAnd();
        while (Accept("||"))
        {
            left = new JsonOr(left, ParseAnd());
        }

        return left;
    }

    private JsonCondition ParseAnd()
    {
        var left = ParsePrimary();
        while (Accept("&&"))
        {
            left = new JsonAnd(left, ParsePrimary());
        }

        return left;
    }

    private JsonCondition ParsePrimary()
    {
        if (Accept("("))
        {
            var inner = ParseOr();
            return Accept(")") ? inner : throw FilterPatternErrors.Invalid();
        }

        var selector = ParseSelector();
        if (AcceptWord("IS"))
        {
            if (AcceptWord("NULL"))
            {
                return new JsonTest(selector, JsonValueKind.Null);
            }

            if (AcceptWord("TRUE"))
            {
                return new JsonTest(selector, JsonValueKind.True);
            }

            return AcceptWord("FALSE") ? new JsonTest(selector, JsonValueKind.False) : throw FilterPatternErrors.Invalid();
        }

        if (AcceptWord("NOT"))
        {
            return AcceptWord("EXISTS") ? new JsonTest(selector, null) : throw FilterPatternErrors.Invalid();
        }

        var op = Accept("!=") ? "!=" : Accept("<=") ? "<=" : Accept(">=") ? ">=" : Accept("=") ? "=" : Accept("<") ? "<" : Accept(">") ? ">"
            : throw FilterPatternErrors.Invalid();
        SkipSpace();
        if (RegexTerm.StartsAt(_text, _i))
        {
            if (++_regexes > RegexTerm.MaxPerPattern)
            {
                throw FilterPatternErrors.TooManyRegexes();
            }

            var regex = RegexTerm.Read(_text, ref _i);
            return op is "=" or "!=" ? new JsonComparison(selector, op, string.Empty, null, regex) : throw FilterPatternErrors.Invalid();
        }

        if (_i < _text.Length && _text[_i] == '"')
        {
            var quoted = TextPattern.ReadQuoted(_text, ref _i);
            return op is "=" or "!=" ? new JsonComparison(selector, op, quoted, null) : throw FilterPatternErrors.Invalid();
        }

        var start = _i;
        while (_i < _text.Length && (char.IsAsciiLetterOrDigit(_text[_i]) || _text[_i] is '_' or '.' or '-' or '+' or ':' or '/' or '*' or '@'))
        {
            _i++;
        }

        var word = _text[start.._i];
        if (word.Length == 0)
        {
            throw FilterPatternErrors.Invalid();
        }

        double? number = SpaceDelimitedPattern.TryNumber(word, out var n) ? n : null;
        if (op is "<" or "<=" or ">" or ">=" && number is null)
        {
            throw FilterPatternErrors.Invalid();
        }

        return new JsonComparison(selector, op, word, number);
    }

    private JsonSelector ParseSelector()
    {
        SkipSpace();
        if (_i >= _text.Length || _text[_i] != '$')
        {
            throw FilterPatternErrors.Invalid();
        }

        _i++;
        var steps = new List<object>();
        while (_i < _text.Length)
        {
            if (_text[_i] == '.')
            {
                var start = ++_i;
                while (_i < _text.Length && (char.IsAsciiLetterOrDigit(_text[_i]) || _text[_i] is '_' or '-'))
                {
                    _i++;
                }

                steps.Add(_i > start ? _text[start.._i] : throw FilterPatternErrors.Invalid());
            }
            else if (_text[_i] == '[')
            {
                var start = ++_i;
                while (_i < _text.Length && char.IsAsciiDigit(_text[_i]))
                {
                    _i++;
                }

                if (_i == start || _i - start > 9 || _i >= _text.Length || _text[_i] != ']')
                {
                    throw FilterPatternErrors.Invalid();
                }

                steps.Add(int.Parse(_text.AsSpan(start, _i - start), System.Globalization.CultureInfo.InvariantCulture));
                _i++;
            }
            else
            {
                break;
            }
        }

        return steps.Count > 0 ? new JsonSelector(steps) : throw FilterPatternErrors.Invalid();
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _i, token, 0, token.Length) != 0)
        {
            return false;
        }

        _i += token.Length;
        return true;
    }

    /// <summary>A keyword, followed by something that cannot continue a word.</summary>
    private bool AcceptWord(string word)
    {
        SkipSpace();
        var end = _i + word.Length;
        if (string.CompareOrdinal(_text, _i, word, 0, word.Length) != 0 || (end < _text.Length && char.IsAsciiLetterOrDigit(_text[end])))
        {
            return false;
        }

        _i = end;
        return true;
    }

    private void SkipSpace()
    {
        while (_i < _text.Length && char.IsWhiteSpace(_text[_i]))
        {
            _i++;
        }
    }
}
