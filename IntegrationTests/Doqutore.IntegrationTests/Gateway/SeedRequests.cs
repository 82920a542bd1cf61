using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Tests.Shared;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>
/// Valid requests to start mutating from: a random operation of a random embedded model of one protocol,
/// with a random input from <see cref="ModelSamples"/>, serialized by that protocol's codec as a client would.
/// </summary>
public sealed class SeedRequests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1/");
    private readonly (ServiceModel Model, Operation[] Operations)[] _services;
    private readonly IProtocolCodec _codec;
    private long _fallbacks;

    /// <exception cref="NotSupportedException">No codec handles <paramref name="protocol"/> yet.</exception>
    public SeedRequests(Protocol protocol)
    {
        _codec = ProtocolCodecs.For(protocol);
        _services = ServiceModels.All()
            .Where(m => m.Protocol == protocol)
            .Select(m => (m, m.Operations.Values.Where(o => o.Input?.EventStream != true).OrderBy(o => o.Name, StringComparer.Ordinal).ToArray()))
            .Where(s => s.Item2.Length > 0)
            .OrderBy(s => s.m.Id, StringComparer.Ordinal)
            .ToArray();
        Protocol = protocol;
    }

    public Protocol Protocol { get; }

    /// <summary>Services the seeds are drawn from.</summary>
    public IEnumerable<string> ServiceIds => _services.Select(s => s.Model.Id);

    /// <summary>Random inputs the codec refused to serialize, answered with the fixed sample instead.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>A valid request; the same <paramref name="random"/> state gives the same request.</summary>
    public FuzzRequest Next(Random random, long index)
    {
        var (model, operations) = _services[random.Next(_services.Length)];
        var operation = operations[random.Next(operations.Length)];
        var wire = operation.Input is null
            ? _codec.SerializeRequest(model, operation, new OperationData(), Endpoint)
            : Serialize(model, operation, ModelSamples.Random(operation.Input, random, ModelSamples.StyleOf(Protocol)));
        return FuzzRequest.From(wire, model, operation.Name, index);
    }

    private WireRequest Serialize(ServiceModel model, Operation operation, JsonObject input)
    {
        try
        {
            return _codec.SerializeRequest(model, operation, new OperationData(input), Endpoint);
        }
        catch (Exception)
        {
            // A random value the client side cannot put on the wire (say, a uri label of dots): the fixed
            // sample is always serializable. Counted, so a codec that refuses everything shows.
            Interlocked.Increment(ref _fallbacks);
            return _codec.SerializeRequest(model, operation, new OperationData(ModelSamples.Fixed(operation.Input!, ModelSamples.StyleOf(Protocol))), Endpoint);
        }
    }
}
