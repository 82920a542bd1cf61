using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Tests.Client;

/// <summary>
/// The server half of a service's codec in place of the socket: each request the client sends is resolved and
/// parsed as the emulator's gateway parses it, and the scripted output (or error) is serialized by the same codec.
/// Facade tests so check both directions of the wire against the codec without a running service.
/// </summary>
internal sealed class CodecServerTransport(string serviceId, Func<string, JsonObject, JsonObject> answer) : HttpMessageHandler
{
    private readonly ServiceModel _model = ServiceModels.Get(serviceId);

    /// <summary>Each call as the server read it: operation name, parsed input, and the raw request.</summary>
    public List<(string Operation, JsonObject Input, WireRequest Wire)> Calls { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wire = new WireRequest
        {
            Method = request.Method.Method,
            Host = request.RequestUri!.Authority,
            RawPath = request.RequestUri.AbsolutePath,
            RawQuery = request.RequestUri.Query.TrimStart('?'),
        };
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            foreach (var value in values)
            {
                wire.Headers.Add(name, value);
            }
        }

        wire.Body = request.Content is null ? ReadOnlyMemory<byte>.Empty : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var codec = ProtocolCodecs.For(_model);
        var operation = codec.ResolveOperation(_model, wire) ?? throw codec.UnknownOperation(_model, wire);
        var input = codec.ParseRequest(_model, operation, wire);
        Calls.Add((operation.Name, input.Values, wire));

        WireResponse response;
        try
        {
            response = codec.SerializeResponse(_model, operation, new OperationData(answer(operation.Name, input.Values)), "req-1");
        }
        catch (AwsServiceException error)
        {
            response = codec.SerializeError(_model, error, "req-1");
        }

        var message = new HttpResponseMessage((System.Net.HttpStatusCode)response.StatusCode) { Content = new ReadOnlyMemoryContent(response.Body) };
        foreach (var (name, value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }
}
