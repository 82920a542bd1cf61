namespace Doqutore.Aws.Models;

/// <summary>
/// A REST request URI template from a service model: <c>/{Bucket}/{Key+}?uploads&amp;x-id=PutObject</c>.
/// Path segments are literals or labels (<c>{Key+}</c> greedy, taking the rest of the path); the query
/// part holds literals that a request must carry to be this operation.
/// </summary>
public sealed class UriTemplate
{
    private UriTemplate(string text, IReadOnlyList<Segment> segments, IReadOnlyList<KeyValuePair<string, string?>> query)
    {
        Text = text;
        Segments = segments;
        QueryLiterals = query;
    }

    public string Text { get; }

    public IReadOnlyList<Segment> Segments { get; }

    /// <summary>Query keys (and values, where the template fixes one) that identify the operation.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> QueryLiterals { get; }

    /// <summary>A path segment: literal text or a label, possibly with literal text around it.</summary>
    /// <param name="Literal">The literal text when <paramref name="Label"/> is null.</param>
    /// <param name="Label">The label's member name, or null.</param>
    /// <param name="Greedy">A <c>{Name+}</c> label that takes the rest of the path, slashes included.</param>
    public sealed record Segment(string Literal, string? Label, bool Greedy);

    public static UriTemplate Parse(string text)
    {
        var q = text.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? text : text[..q];
        var query = new List<KeyValuePair<string, string?>>();
        if (q >= 0)
        {
            foreach (var part in text[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                query.Add(eq < 0 ? new(part, null) : new(part[..eq], part[(eq + 1)..]));
            }
        }

        var segments = new List<Segment>();
        foreach (var raw in path.TrimStart('/').Split('/'))
        {
            if (raw.Length == 0 && segments.Count == 0 && path.TrimStart('/').Length == 0)
            {
                break;
            }

            if (raw.StartsWith('{') && raw.EndsWith('}'))
            {
                var label = raw[1..^1];
                var greedy = label.EndsWith('+');
                segments.Add(new Segment(raw, greedy ? label[..^1] : label, greedy));
            }
            else
            {
                segments.Add(new Segment(raw, null, false));
            }
        }

        return new UriTemplate(text, segments, query);
    }

    /// <summary>How specific the template is: literal segments count most, then query literals.</summary>
    public int Specificity =>
        (Segments.Count(s => s.Label is null) * 100) + (QueryLiterals.Count * 10) + Segments.Count - (Segments.Any(s => s.Greedy) ? 5 : 0);

    /// <summary>
    /// Matches a request path (percent-encoded, as on the wire) and its decoded query, returning the
    /// decoded label values, or null when the request is not this template.
    /// </summary>
    public Dictionary<string, string>? Match(string rawPath, ILookup<string, string> query)
    {
        foreach (var (key, value) in QueryLiterals)
        {
            if (!query.Contains(key))
            {
                return null;
            }

            if (value is not null && !query[key].Contains(value, StringComparer.Ordinal))
            {
                return null;
            }
        }

        var trimmed = rawPath.StartsWith('/') ? rawPath[1..] : rawPath;
        var parts = trimmed.Length == 0 ? [] : trimmed.Split('/');
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var segment in Segments)
        {
            if (segment.Greedy)
            {
                if (i >= parts.Length)
                {
                    return null;
                }

                var rest = string.Join('/', parts[i..].Select(Uri.UnescapeDataString));
                if (rest.Length == 0)
                {
                    return null;
                }

                labels[segment.Label!] = rest;
                return labels;
            }

            if (i >= parts.Length)
            {
                // A template's trailing slash is optional: botocore's model has /2015-03-31/functions where
                // the aws-sdk model has /2015-03-31/functions/.
                return segment.Label is null && segment.Literal.Length == 0 && ReferenceEquals(segment, Segments[^1]) ? labels : null;
            }

            if (segment.Label is null)
            {
                if (!string.Equals(parts[i], segment.Literal, StringComparison.Ordinal))
                {
                    return null;
                }
            }
            else
            {
                if (parts[i].Length == 0)
                {
                    return null;
                }

                labels[segment.Label] = Uri.UnescapeDataString(parts[i]);
            }

            i++;
        }

        // A trailing slash is the same resource ("/2015-03-31/functions/" lists functions).
        var remaining = parts.Length - i;
        return remaining == 0 || (remaining == 1 && parts[i].Length == 0) ? labels : null;
    }

    /// <summary>Expands the template's path with label values, percent-encoding each (greedy labels keep '/').</summary>
    public string Expand(IReadOnlyDictionary<string, string> labels)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var segment in Segments)
        {
            sb.Append('/');
            if (segment.Label is null)
            {
                sb.Append(segment.Literal);
                continue;
            }

            var value = labels.TryGetValue(segment.Label, out var v) ? v : string.Empty;
            sb.Append(segment.Greedy
                ? string.Join('/', value.Split('/').Select(Uri.EscapeDataString))
                : Uri.EscapeDataString(value));
        }

        if (sb.Length == 0)
        {
            sb.Append('/');
        }

        return sb.ToString();
    }
}
