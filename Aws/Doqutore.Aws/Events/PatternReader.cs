// A pull reader over a pattern's JSON text that behaves as Jackson's ReaderBasedJsonParser does for the parts
// event-ruler's JsonRuleCompiler relies on, so that validation errors are raised in the same order and carry the
// same "at [Source: ...; line: L, column: C]" location AWS returns:
//  - after a FIELD_NAME the value's first character (or the whole scalar, for numbers and literals) has already
//    been consumed, and the value token is returned by the next call;
//  - a string value is left "incomplete": the location points just after its opening quote until its text is
//    read (event-ruler reads it only where it calls getText()).
// Duplicate keys are not an error here: the compiler sees each occurrence, as event-ruler's streaming compiler does.
using System.Globalization;
using System.Text;

namespace Doqutore.Aws.Events;

internal sealed class PatternSyntaxException(string reason, string location) : Exception(reason)
{
    public string Location { get; } = location;
}

internal sealed class PatternReader(string source)
{
    private enum Scope { Root, Object, Array }

    private sealed class Context(Scope scope, int startPos, int startLine, int startColumn)
    {
        public Scope Scope { get; } = scope;
        public int Entries { get; set; }
        public int StartLine { get; } = startLine;
        public int StartColumn { get; } = startColumn;
        public int StartPos { get; } = startPos;
    }

    private readonly string _s = source;
    private readonly Stack<Context> _contexts = new([new Context(Scope.Root, 0, 1, 1)]);
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private PatternToken _pending;
    private string? _pendingText;
    private bool _incomplete;
    private string? _text;

    public PatternToken Current { get; private set; }

    /// <summary>The last field name read (Jackson's getCurrentName for a FIELD_NAME and for the value after it).</summary>
    public string? CurrentName { get; private set; }

    /// <summary>The current token's text; reading a string value consumes it (moves the location past it).</summary>
    public string Text
    {
        get
        {
            if (_incomplete)
            {
                _text = ReadStringBody();
                _incomplete = false;
            }
            return Current switch
            {
                PatternToken.StartObject => "{",
                PatternToken.EndObject => "}",
                PatternToken.StartArray => "[",
                PatternToken.EndArray => "]",
                PatternToken.FieldName => CurrentName ?? "",
                PatternToken.None => "",
                _ => _text ?? "",
            };
        }
    }

    public double DoubleValue => double.Parse(_text!, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>An error at the current location, as event-ruler's <c>barf(parser, reason)</c>.</summary>
    public PatternSyntaxException Error(string reason) => new(reason, Location(_line, _pos - _lineStart + 1));

    public PatternToken Next()
    {
        if (_incomplete)
        {
            ReadStringBody();
            _incomplete = false;
        }
        _text = null;
        if (_pending != PatternToken.None)
        {
            Current = _pending;
            _pending = PatternToken.None;
            _text = _pendingText;
            _incomplete = Current == PatternToken.String;
            if (Current is PatternToken.StartObject or PatternToken.StartArray)
            {
                Push(Current == PatternToken.StartObject ? Scope.Object : Scope.Array, _pos - 1);
            }
            return Current;
        }

        var context = _contexts.Peek();
        var c = SkipWhitespace();
        if (c < 0)
        {
            if (context.Scope == Scope.Root)
            {
                return Current = PatternToken.None;
            }
            throw Error($"Unexpected end-of-input: expected close marker for {(context.Scope == Scope.Object ? "Object" : "Array")} (start marker at {Location(context.StartLine, context.StartColumn)})");
        }

        if (c is '}' or ']')
        {
            var closesObject = c == '}';
            if (context.Scope == Scope.Root || (context.Scope == Scope.Object) != closesObject)
            {
                _pos++;
                var expected = context.Scope switch { Scope.Object => "'}'", Scope.Array => "']'", _ => "a value" };
                throw Error(context.Scope == Scope.Root
                    ? $"Unexpected close marker '{(char)c}': expected a value"
                    : $"Unexpected close marker '{(char)c}': expected {expected} (for {(context.Scope == Scope.Object ? "Object" : "Array")} starting at {Location(context.StartLine, context.StartColumn)})");
            }
            _pos++;
            _contexts.Pop();
            return Current = closesObject ? PatternToken.EndObject : PatternToken.EndArray;
        }

        if (context.Entries > 0 && context.Scope != Scope.Root)
        {
            if (c != ',')
            {
                _pos++;
                throw Error($"Unexpected character ({Describe(c)}): was expecting comma to separate {(context.Scope == Scope.Object ? "Object" : "Array")} entries");
            }
            _pos++;
            c = SkipWhitespace();
            if (c < 0)
            {
                throw Error($"Unexpected end-of-input: expected close marker for {(context.Scope == Scope.Object ? "Object" : "Array")} (start marker at {Location(context.StartLine, context.StartColumn)})");
            }
        }
        else if (context.Scope == Scope.Root && context.Entries > 0)
        {
            // Jackson reads a second root value happily; event-ruler closes the parser after the first object.
            // We stop here as well: trailing content is ignored.
            return Current = PatternToken.None;
        }
        context.Entries++;

        if (context.Scope == Scope.Object)
        {
            if (c != '"')
            {
                _pos++;
                throw Error($"Unexpected character ({Describe(c)}): was expecting double-quote to start field name");
            }
            _pos++;
            CurrentName = ReadStringBody();
            c = SkipWhitespace();
            if (c != ':')
            {
                if (c >= 0)
                {
                    _pos++;
                }
                throw Error(c < 0
                    ? "Unexpected end-of-input: was expecting a colon to separate field name and value"
                    : $"Unexpected character ({Describe(c)}): was expecting a colon to separate field name and value");
            }
            _pos++;
            c = SkipWhitespace();
            (_pending, _pendingText) = ReadValueStart(c);
            return Current = PatternToken.FieldName;
        }

        (var token, _text) = ReadValueStart(c);
        Current = token;
        _incomplete = token == PatternToken.String;
        if (token is PatternToken.StartObject or PatternToken.StartArray)
        {
            Push(token == PatternToken.StartObject ? Scope.Object : Scope.Array, _pos - 1);
        }
        return Current;
    }

    private void Push(Scope scope, int startPos) =>
        _contexts.Push(new Context(scope, startPos, _line, startPos - _lineStart + 1));

    /// <summary>Consumes a value's first character (or a whole number or literal).</summary>
    private (PatternToken Token, string? Text) ReadValueStart(int c)
    {
        switch (c)
        {
            case < 0:
                throw Error("Unexpected end-of-input: expected a value");
            case '"':
                _pos++;
                return (PatternToken.String, null);
            case '{':
                _pos++;
                return (PatternToken.StartObject, null);
            case '[':
                _pos++;
                return (PatternToken.StartArray, null);
            case 't':
            case 'f':
            case 'n':
                return ReadLiteral();
            case '-':
            case >= '0' and <= '9':
                return ReadNumber();
            default:
                _pos++;
                throw Error($"Unexpected character ({Describe(c)}): expected a value");
        }
    }

    private (PatternToken, string?) ReadLiteral()
    {
        var start = _pos;
        while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '_'))
        {
            _pos++;
        }
        var word = _s[start.._pos];
        return word switch
        {
            "true" => (PatternToken.True, word),
            "false" => (PatternToken.False, word),
            "null" => (PatternToken.Null, word),
            _ => throw Error($"Unrecognized token '{word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
        };
    }

    private (PatternToken, string?) ReadNumber()
    {
        var start = _pos;
        var isFloat = false;
        if (_s[_pos] == '-')
        {
            _pos++;
        }
        var intStart = _pos;
        while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
        {
            _pos++;
        }
        if (_pos == intStart)
        {
            throw Error("Unexpected character (" + (_pos < _s.Length ? Describe(_s[_pos]) : "EOF") + ") in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value");
        }
        if (_pos - intStart > 1 && _s[intStart] == '0')
        {
            throw Error("Invalid numeric value: Leading zeroes not allowed");
        }
        if (_pos < _s.Length && _s[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            var fractionStart = _pos;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
            {
                _pos++;
            }
            if (_pos == fractionStart)
            {
                throw Error("Unexpected character (" + (_pos < _s.Length ? Describe(_s[_pos]) : "EOF") + ") in numeric value: Decimal point not followed by a digit");
            }
        }
        if (_pos < _s.Length && _s[_pos] is 'e' or 'E')
        {
            isFloat = true;
            _pos++;
            if (_pos < _s.Length && _s[_pos] is '+' or '-')
            {
                _pos++;
            }
            var exponentStart = _pos;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos]))
            {
                _pos++;
            }
            if (_pos == exponentStart)
            {
                throw Error("Unexpected character (" + (_pos < _s.Length ? Describe(_s[_pos]) : "EOF") + ") in numeric value: Exponent indicator not followed by a digit");
            }
        }
        return (isFloat ? PatternToken.NumberFloat : PatternToken.NumberInt, _s[start.._pos]);
    }

    /// <summary>Reads a string's body from just after its opening quote to just after its closing quote.</summary>
    private string ReadStringBody()
    {
        var builder = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw Error("Unexpected end-of-input: was expecting closing quote for a string value");
            }
            var c = _s[_pos++];
            if (c == '"')
            {
                return builder.ToString();
            }
            if (c < 0x20)
            {
                throw Error($"Illegal unquoted character ((CTRL-CHAR, code {(int)c})): has to be escaped using backslash to be included in string value");
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_pos >= _s.Length)
            {
                throw Error("Unexpected end-of-input in character escape sequence");
            }
            var e = _s[_pos++];
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _s.Length || !int.TryParse(_s.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("Unexpected character in unicode escape: expected a hex-digit for character escape sequence");
                    }
                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error($"Unrecognized character escape {Describe(e)}");
            }
        }
    }

    private int SkipWhitespace()
    {
        while (_pos < _s.Length)
        {
            var c = _s[_pos];
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return c;
            }
            _pos++;
        }
        return -1;
    }

    private static string Describe(int c) => $"'{(char)c}' (code {c})";

    // Jackson's JsonLocation.toString: a String source is quoted and cut at 500 characters.
    private string Location(int line, int column)
    {
        const int MaxSource = 500;
        var shown = _s.Length > MaxSource
            ? $"(String)\"{_s[..MaxSource]}\"[truncated {_s.Length - MaxSource} chars]"
            : $"(String)\"{_s}\"";
        return $"[Source: {shown}; line: {line}, column: {column}]";
    }
}
