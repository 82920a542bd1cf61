using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols.Rest;

/// <summary>
/// The body document of a REST protocol (JSON for restJson1, XML for restXml). <see cref="RestBindings"/>
/// handles everything else (method, URI, query string, headers, status code, raw blob and string payloads)
/// and calls this for the one part that differs between the REST protocols: the structured document.
/// </summary>
public interface IRestBodyFormat
{
    /// <summary>The content type of a document body (<c>application/json</c>, <c>application/xml</c>).</summary>
    string ContentType { get; }

    /// <summary>
    /// The body sent when a document is due but holds no value: <c>{}</c> for JSON, nothing for XML (as the
    /// AWS SDKs send them).
    /// </summary>
    ReadOnlyMemory<byte> EmptyDocument { get; }

    /// <summary>Writes the document's members found in <paramref name="values"/>.</summary>
    /// <param name="document">Which shape and members the document carries.</param>
    /// <param name="values">
    /// The tree of the whole input or output when <see cref="RestDocument.Payload"/> is null, else the tree
    /// of the payload member.
    /// </param>
    ReadOnlyMemory<byte> Write(RestDocument document, JsonObject values);

    /// <summary>
    /// Reads a non-empty document into a tree keyed by member name. Members outside
    /// <see cref="RestDocument.Members"/> may be returned; the caller drops them. Malformed documents throw
    /// the <see cref="AwsServiceException"/> of <see cref="MalformedInput"/>.
    /// </summary>
    JsonObject Read(RestDocument document, ReadOnlyMemory<byte> body);

    /// <summary>The error the service answers for a request whose values cannot be read (bad header, bad JSON).</summary>
    AwsServiceException MalformedInput(string message);
}

/// <summary>
/// The document part of a REST body: either the body members of the input or output shape (no payload
/// member), or a structure payload member (S3 <c>Tagging</c>, apigateway <c>PutRestApi</c>'s body is a blob).
/// </summary>
/// <param name="Shape">The operation's input or output shape.</param>
/// <param name="Payload">The structure payload member, or null when the body holds the body members.</param>
public sealed record RestDocument(Shape Shape, Member? Payload)
{
    /// <summary>The shape whose members the document holds at its top level.</summary>
    public Shape DocumentShape => Payload?.Shape ?? Shape;

    /// <summary>The top-level members of the document (only <see cref="MemberLocation.Body"/> ones without a payload).</summary>
    public IEnumerable<Member> Members => Payload is null
        ? Shape.Members.Where(m => m.Location == MemberLocation.Body)
        : Payload.Shape.Members;
}
