using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols.Json;

namespace Doqutore.Aws.Protocols.Rest;

/// <summary>The JSON document of restJson1 bodies: <c>{}</c> when empty, SerializationException when malformed.</summary>
public sealed class RestJsonBodyFormat : IRestBodyFormat
{
    public static readonly RestJsonBodyFormat Instance = new();

    public string ContentType => "application/json";

    public ReadOnlyMemory<byte> EmptyDocument => "{}"u8.ToArray();

    public ReadOnlyMemory<byte> Write(RestDocument document, JsonObject values) =>
        JsonShapeSerializer.Write(document.DocumentShape, values, document.Members);

    public JsonObject Read(RestDocument document, ReadOnlyMemory<byte> body) =>
        JsonShapeSerializer.Read(document.DocumentShape, body.Span);

    public AwsServiceException MalformedInput(string message) => JsonShapeSerializer.SerializationError(message);
}
