using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Protocols.Xml;

/// <summary>Round trips through a codec: the client side writes, the emulator side reads, and back.</summary>
internal static class CodecHarness
{
    public static readonly Uri Endpoint = new("http://localhost:4566/");

    public static JsonObject Tree(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonValue Time(string iso) => JsonValue.Create(DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());

    /// <summary>Serializes a request as a client would, then parses it as the emulator would.</summary>
    public static (WireRequest Wire, Operation Resolved, OperationData Parsed) SendRequest(ServiceModel model, string operation, OperationData input)
    {
        var codec = ProtocolCodecs.For(model);
        var op = model.GetOperation(operation);
        var wire = codec.SerializeRequest(model, op, input, Endpoint);
        var resolved = codec.ResolveOperation(model, wire) ?? throw new InvalidOperationException("The request did not resolve.");
        return (wire, resolved, codec.ParseRequest(model, resolved, wire));
    }

    /// <summary>Serializes an output as the emulator would, then parses it as a client would.</summary>
    public static (WireResponse Wire, OperationData Parsed) SendResponse(ServiceModel model, string operation, OperationData output, string requestId = "req-1")
    {
        var codec = ProtocolCodecs.For(model);
        var op = model.GetOperation(operation);
        var wire = codec.SerializeResponse(model, op, output, requestId);
        return (wire, codec.ParseResponse(model, op, wire));
    }

    public static string Text(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);

    public static void AssertTree(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\n  actual {actual.ToJsonString()}");
}
