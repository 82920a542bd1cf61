using System.Text.Json.Nodes;

namespace Doqutore.Aws.Protocols;

/// <summary>
/// The input or output of an operation in protocol-neutral form: a JSON tree shaped by the operation's
/// input or output shape, plus the stream of a streaming payload member.
/// </summary>
/// <remarks>
/// Conventions of the tree (every codec reads and writes these): structures and maps are objects keyed by
/// member name or map key; lists are arrays; strings, booleans and numbers are JSON values (integers as
/// <see cref="long"/>, floats as <see cref="double"/>, with "NaN", "Infinity" and "-Infinity" as strings);
/// timestamps are <see cref="DateTimeOffset"/> values when a codec produced them and are accepted as ISO 8601
/// strings or epoch-seconds numbers on the way in; blobs are base64 strings; a <c>jsonvalue</c> string stays
/// a string holding JSON text. Members absent from the wire are absent from the tree.
/// </remarks>
public sealed class OperationData
{
    public OperationData(JsonObject? values = null, Stream? stream = null)
    {
        Values = values ?? [];
        Stream = stream;
    }

    public JsonObject Values { get; }

    /// <summary>The content of the streaming blob payload (S3 object bodies), or null.</summary>
    public Stream? Stream { get; set; }

    /// <summary>The length of <see cref="Stream"/> when known (for Content-Length).</summary>
    public long? StreamLength { get; set; }

    /// <summary>
    /// The HTTP status a provider answers when the output shape has no member bound to it (S3 GetObject's
    /// 206 Partial Content for a range); null keeps the operation's modeled status.
    /// </summary>
    public int? StatusCode { get; set; }
}
