// The canonical request of SigV4, computed from the request as it came over the wire.
//
//   <METHOD>\n<canonical path>\n<canonical query>\n<canonical headers>\n\n<signed headers>\n<payload hash>
//
// Path: every service but S3 signs the wire path (already percent-encoded by the client) encoded once more,
// after removing dot segments and duplicate slashes; S3 decodes the path (the object key) and encodes it
// once, '/' kept, without normalizing (a key may hold "//" or ".."). The choice comes from SigV4Conventions.
// Query: each parameter decoded (form-style: '+' is a space, as the SDKs and AWS read it), encoded per
// RFC 3986, sorted by name then value. Headers: lowercase names in the order SignedHeaders gives them,
// values trimmed with inner whitespace runs collapsed, repeated headers joined with ','.
// Encoding works on bytes, so a path or query that is not valid UTF-8 still canonicalizes deterministically.
using System.Buffers;
using System.Text;
using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Signing;

/// <summary>Builds the canonical request and the string to sign of SigV4.</summary>
public static class SigV4Canonicalizer
{
    /// <summary>The whole canonical request.</summary>
    public static string CanonicalRequest(
        WireRequest request,
        IReadOnlyList<string> signedHeaders,
        string payloadHash,
        SigV4Conventions conventions,
        Func<string, bool>? excludeQueryParameter = null)
    {
        var sb = new StringBuilder(256);
        sb.Append(IsUpperAscii(request.Method) ? request.Method : request.Method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalPath(request.RawPath, conventions)).Append('\n');
        sb.Append(CanonicalQuery(request.RawQuery, excludeQueryParameter)).Append('\n');
        foreach (var name in signedHeaders)
        {
            sb.Append(name).Append(':');
            AppendCanonicalHeaderValue(sb, request, name);
            sb.Append('\n');
        }

        sb.Append('\n');
        sb.Append(string.Join(';', signedHeaders)).Append('\n');
        sb.Append(payloadHash);
        return sb.ToString();
    }

    /// <summary><c>AWS4-HMAC-SHA256\n&lt;timestamp&gt;\n&lt;scope&gt;\n&lt;hex(sha256(canonical request))&gt;</c>.</summary>
    public static string StringToSign(string timestamp, string scope, string canonicalRequest) =>
        $"{SigV4Constants.Algorithm}\n{timestamp}\n{scope}\n{SigV4Crypto.Sha256Hex(canonicalRequest)}";

    /// <summary>The canonical path for a path as sent on the wire.</summary>
    public static string CanonicalPath(string rawPath, SigV4Conventions conventions)
    {
        var path = string.IsNullOrEmpty(rawPath) ? "/" : rawPath;
        if (conventions.NormalizePath)
        {
            path = NormalizePath(path);
        }

        // Most paths hold only unreserved characters and '/': encoding (once or twice) leaves them as they are.
        if (!path.AsSpan().ContainsAnyExcept(UnreservedOrSlash))
        {
            return path;
        }

        var sb = new StringBuilder(path.Length + 16);
        if (conventions.DoubleEncodePath)
        {
            AppendEncoded(sb, Encoding.UTF8.GetBytes(path), keepSlash: true);
        }
        else
        {
            // S3 reads the path as the decoded key: "%2F" and "/" are the same key, signed as "/".
            AppendEncoded(sb, PercentDecode(path, plusIsSpace: false), keepSlash: true);
        }

        return sb.Length == 0 ? "/" : sb.ToString();
    }

    /// <summary>The canonical query string for a raw query (without '?').</summary>
    public static string CanonicalQuery(string rawQuery, Func<string, bool>? exclude = null)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = PercentDecode(eq < 0 ? part : part[..eq], plusIsSpace: true);
            if (exclude is not null && exclude(Encoding.UTF8.GetString(key)))
            {
                continue;
            }

            var value = eq < 0 ? [] : PercentDecode(part[(eq + 1)..], plusIsSpace: true);
            pairs.Add((Encode(key), Encode(value)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>
    /// The canonical value of one signed header: every occurrence trimmed, inner whitespace collapsed, joined
    /// with ','. <c>host</c> falls back to <see cref="WireRequest.Host"/> when the header list lacks it.
    /// </summary>
    public static string CanonicalHeaderValue(WireRequest request, string lowerName)
    {
        var sb = new StringBuilder();
        AppendCanonicalHeaderValue(sb, request, lowerName);
        return sb.ToString();
    }

    private static void AppendCanonicalHeaderValue(StringBuilder sb, WireRequest request, string lowerName)
    {
        var any = false;
        foreach (var (name, value) in request.Headers)
        {
            if (!string.Equals(name, lowerName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (any)
            {
                sb.Append(',');
            }

            AppendCollapsed(sb, value);
            any = true;
        }

        if (!any && lowerName == "host")
        {
            AppendCollapsed(sb, request.Host);
        }
    }

    /// <summary>Removes <c>.</c> and <c>..</c> segments and empty segments; keeps a trailing slash.</summary>
    public static string NormalizePath(string path)
    {
        if (IsNormal(path))
        {
            return path;
        }

        var stack = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                continue;
            }

            stack.Add(segment);
        }

        var normalized = "/" + string.Join('/', stack);
        return stack.Count > 0 && path.EndsWith('/') ? normalized + "/" : normalized;
    }

    /// <summary>RFC 3986 encoding of UTF-8 text: unreserved characters kept, the rest %XX uppercase.</summary>
    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    private static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length + 8);
        AppendEncoded(sb, bytes, keepSlash: false);
        return sb.ToString();
    }

    private static void AppendEncoded(StringBuilder sb, ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == (byte)'/'))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }
    }

    private const string HexUpper = "0123456789ABCDEF";

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    /// <summary>Decodes %XX escapes to bytes; a malformed escape stays literal.</summary>
    private static byte[] PercentDecode(string text, bool plusIsSpace)
    {
        var raw = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                output.Add((byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2])));
                i += 2;
            }
            else if (b == (byte)'+' && plusIsSpace)
            {
                output.Add((byte)' ');
            }
            else
            {
                output.Add(b);
            }
        }

        return [.. output];
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    /// <summary>Appends <paramref name="value"/> trimmed, each inner run of whitespace made one space.</summary>
    private static void AppendCollapsed(StringBuilder sb, string value)
    {
        if (!value.AsSpan().ContainsAny(Whitespace))
        {
            sb.Append(value);
            return;
        }

        var start = sb.Length;
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                pendingSpace = sb.Length > start;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }
    }

    /// <summary>A path with no empty, <c>.</c> or <c>..</c> segment (one trailing slash allowed) is its own normal form.</summary>
    private static bool IsNormal(string path)
    {
        if (path == "/")
        {
            return true;
        }

        if (!path.StartsWith('/'))
        {
            return false;
        }

        var body = path.AsSpan(1);
        if (body.EndsWith('/'))
        {
            body = body[..^1];
        }

        if (body.IsEmpty)
        {
            return false;
        }

        foreach (var range in body.Split('/'))
        {
            var segment = body[range];
            if (segment.IsEmpty || segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpperAscii(string value) => !value.AsSpan().ContainsAnyInRange('a', 'z');

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n");

    private static readonly SearchValues<char> UnreservedOrSlash =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~/");
}
