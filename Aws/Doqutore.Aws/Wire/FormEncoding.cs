using System.Text;

namespace Doqutore.Aws.Wire;

/// <summary><c>application/x-www-form-urlencoded</c> and query strings, as AWS writes and reads them.</summary>
public static class FormEncoding
{
    /// <summary>Parses <c>a=1&amp;b=x%20y&amp;c</c> into decoded pairs; '+' is a space.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return pairs;
        }

        foreach (var part in text.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }

        return pairs;
    }

    public static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>Encodes per RFC 3986 (unreserved characters kept), as SigV4 requires.</summary>
    public static string Encode(string text) => Uri.EscapeDataString(text);

    public static string Write(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Encode(key)).Append('=').Append(Encode(value));
        }

        return sb.ToString();
    }
}
