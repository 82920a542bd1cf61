using System.Text;

namespace Doqutore.Emulator.Authorization;

/// <summary>
/// A Resource entry or a String/Arn condition value, compiled once. Without policy variables (or in a 2008-10-17
/// document, where <c>${…}</c> is literal text) it is the raw string. With variables it is a list of parts
/// rendered per request: <c>${aws:username}</c> and other keys from the request context, <c>${key, 'default'}</c>,
/// and the escapes <c>${*}</c>, <c>${?}</c>, <c>${$}</c> (a literal <c>*</c>, <c>?</c>, <c>$</c>). A key absent
/// from the request (or multi-valued) has no value: rendering fails and the caller treats the statement or
/// condition as not matching.
/// </summary>
internal sealed class PolicyPattern
{
    private readonly Part[]? _parts;

    private PolicyPattern(string text, Part[]? parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public bool HasVariables => _parts is not null;

    public static PolicyPattern Compile(string text, bool variablesEnabled)
    {
        if (!variablesEnabled || !text.Contains("${", StringComparison.Ordinal))
        {
            return new PolicyPattern(text, null);
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, start - i);
            var body = text.AsSpan(start + 2, end - start - 2).Trim();
            if (body is "*" or "?" or "$")
            {
                Flush();
                parts.Add(new Part(body.ToString(), null, IsEscape: true));
            }
            else
            {
                Flush();
                parts.Add(ParseVariable(body));
            }

            i = end + 1;
        }

        Flush();
        return new PolicyPattern(text, [.. parts]);

        void Flush()
        {
            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null, IsEscape: false));
                literal.Clear();
            }
        }
    }

    /// <summary>Renders for a glob match (escaped when the pattern has variables); false when a variable has no value.</summary>
    public bool TryRenderForMatch(in EvaluationScope scope, out string pattern, out bool escaped)
    {
        escaped = _parts is not null;
        return TryRender(scope, forMatch: true, out pattern);
    }

    /// <summary>Renders as plain text (for equality operators); false when a variable has no value.</summary>
    public bool TryRenderPlain(in EvaluationScope scope, out string text) => TryRender(scope, forMatch: false, out text);

    private bool TryRender(in EvaluationScope scope, bool forMatch, out string rendered)
    {
        if (_parts is null)
        {
            rendered = Text;
            return true;
        }

        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part.Key is null)
            {
                if (forMatch && part.IsEscape)
                {
                    builder.Append('\\').Append(part.Literal);
                }
                else if (forMatch)
                {
                    // Literal text keeps its wildcards; only backslashes need escaping in an escaped pattern.
                    builder.Append(part.Literal.Replace("\\", "\\\\", StringComparison.Ordinal));
                }
                else
                {
                    builder.Append(part.Literal);
                }

                continue;
            }

            string value;
            if (scope.TryGetValues(part.Key, out var values) && values.Count == 1)
            {
                value = values[0];
            }
            else if (part.Default is not null)
            {
                value = part.Default;
            }
            else
            {
                rendered = string.Empty;
                return false;
            }

            if (forMatch)
            {
                foreach (var c in value)
                {
                    if (c is '*' or '?' or '\\')
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                }
            }
            else
            {
                builder.Append(value);
            }
        }

        rendered = builder.ToString();
        return true;
    }

    private static Part ParseVariable(ReadOnlySpan<char> body)
    {
        // ${key, 'default value'}: IAM's default-value form.
        var comma = body.IndexOf(',');
        if (comma >= 0)
        {
            var key = body[..comma].Trim().ToString();
            var fallback = body[(comma + 1)..].Trim();
            if (fallback.Length >= 2 && fallback[0] == '\'' && fallback[^1] == '\'')
            {
                fallback = fallback[1..^1];
            }

            return new Part(string.Empty, key, IsEscape: false, fallback.ToString());
        }

        return new Part(string.Empty, body.ToString(), IsEscape: false);
    }

    private sealed record Part(string Literal, string? Key, bool IsEscape, string? Default = null);
}
