using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Tests.Recording;

/// <summary>A completed call's context as the gateway hands it to the recorder: routed, authenticated as root, parsed.</summary>
internal static class RecordingContexts
{
    public static RequestContext For(string service, string operation, JsonObject input, string host = "127.0.0.1:4566")
    {
        var model = ServiceModels.Get(service);
        return new RequestContext(new WireRequest { Method = "POST", Host = host, Scheme = "http", RawPath = "/" }, "req-1", DateTimeOffset.UtcNow)
        {
            Service = model,
            Operation = model.Operations[operation],
            Principal = Principal.Root("000000000000", "test"),
            Authenticated = true,
            Input = new OperationData(input),
        };
    }
}
