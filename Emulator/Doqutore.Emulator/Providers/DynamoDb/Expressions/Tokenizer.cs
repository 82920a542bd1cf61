namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>The kinds of token of the expression language.</summary>
internal enum TokenKind
{
    Identifier,
    Number,
    NamePlaceholder,
    ValuePlaceholder,
    Symbol,
    Invalid,
    End,
}

/// <summary>One token, with its position in the source (for "near" in syntax errors).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start)
{
    public int End => Start + Text.Length;

    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>A keyword (AND, BETWEEN, SET...) is an identifier compared without letter case.</summary>
    public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Splits an expression into tokens. Identifiers are letters, digits and underscores starting with a letter or an
/// underscore; a run starting with a digit is a number (only valid as a list index); placeholders are <c>#x</c> and
/// <c>:x</c>. Any other character is an invalid token, which the parser reports as a syntax error.
/// </summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c is '#' or ':')
            {
                i++;
                while (i < source.Length && IsWordChar(source[i]))
                {
                    i++;
                }

                tokens.Add(new Token(c == '#' ? TokenKind.NamePlaceholder : TokenKind.ValuePlaceholder, source[start..i], start));
            }
            else if (IsWordChar(c))
            {
                while (i < source.Length && IsWordChar(source[i]))
                {
                    i++;
                }

                tokens.Add(new Token(char.IsAsciiDigit(c) ? TokenKind.Number : TokenKind.Identifier, source[start..i], start));
            }
            else if ((c is '<' or '>') && i + 1 < source.Length && (source[i + 1] == '=' || (c == '<' && source[i + 1] == '>')))
            {
                tokens.Add(new Token(TokenKind.Symbol, source.Substring(i, 2), start));
                i += 2;
            }
            else if (c is '=' or '<' or '>' or '(' or ')' or '[' or ']' or ',' or '.' or '+' or '-')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start));
                i++;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Invalid, c.ToString(), start));
                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, source.Length));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
