using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols;

/// <summary>The codec of each protocol; codecs hold no state, so one instance serves every caller.</summary>
public static class ProtocolCodecs
{
    private static readonly Dictionary<Protocol, IProtocolCodec> ByProtocol = new IProtocolCodec[]
    {
        // One line per codec.
        new Query.QueryCodec(),
        new Json.JsonCodec(),
        new Rest.RestJsonCodec(),
        new RestXml.RestXmlCodec(),
    }.ToDictionary(c => c.Protocol);

    public static IProtocolCodec For(Protocol protocol) =>
        ByProtocol.TryGetValue(protocol, out var codec)
            ? codec
            : throw new NotSupportedException($"No codec for protocol {protocol}.");

    public static IProtocolCodec For(ServiceModel model) => For(model.Protocol);
}
