using System.Text;

namespace Doqutore.Aws.Wire;

/// <summary>
/// An HTTP request as the codecs and the SigV4 code see it, independent of ASP.NET and HttpClient.
/// The path stays percent-encoded as it was sent (signatures and greedy labels need the raw form); the
/// query is kept raw and parsed on demand.
/// </summary>
public sealed class WireRequest
{
    private IReadOnlyList<KeyValuePair<string, string>>? _query;
    private ILookup<string, string>? _queryLookup;
    private IReadOnlyList<KeyValuePair<string, string>>? _form;

    // Most requests carry no query string: they share one empty lookup (lookups are read-only).
    private static readonly ILookup<string, string> EmptyLookup = Array.Empty<KeyValuePair<string, string>>().ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public string Method { get; set; } = "POST";

    /// <summary>The Host header value (<c>127.0.0.1:4566</c>, <c>bucket.s3.localhost:4566</c>).</summary>
    public string Host { get; set; } = "localhost";

    public string Scheme { get; set; } = "http";

    /// <summary>The path, percent-encoded as on the wire, starting with '/'.</summary>
    public string RawPath { get; set; } = "/";

    /// <summary>The query string without '?', encoded as on the wire.</summary>
    public string RawQuery
    {
        get;
        set
        {
            field = value;
            _query = null;
            _queryLookup = null;
        }
    } = string.Empty;

    public WireHeaders Headers { get; } = new();

    /// <summary>The body, buffered. Empty when the request streams (see <see cref="BodyStream"/>).</summary>
    public ReadOnlyMemory<byte> Body
    {
        get;
        set
        {
            field = value;
            _form = null;
        }
    }

    /// <summary>A body too large or meant to be streamed (an S3 object): read once, by the operation.</summary>
    public Stream? BodyStream { get; set; }

    /// <summary>The decoded query parameters in order (a key without '=' has an empty value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => _query ??= RawQuery.Length == 0 ? [] : FormEncoding.Parse(RawQuery);

    public ILookup<string, string> QueryLookup => _queryLookup ??= RawQuery.Length == 0 ? EmptyLookup : Query.ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>The body as <c>application/x-www-form-urlencoded</c> pairs (the query protocol).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form => _form ??= FormEncoding.Parse(Encoding.UTF8.GetString(Body.Span));

    public string? ContentType => Headers["Content-Type"];

    /// <summary>The absolute URI (for clients and presigned URLs).</summary>
    public Uri ToUri() => new($"{Scheme}://{Host}{RawPath}{(RawQuery.Length > 0 ? "?" + RawQuery : string.Empty)}");
}
