using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Benchmarks.Codecs;

/// <summary>
/// Each protocol codec in both directions, through <see cref="ProtocolCodecs.For(ServiceModel)"/> as the
/// gateway and the client use it: the client serializing a request, the emulator resolving and parsing it,
/// the emulator serializing the response, the client parsing it. The wire forms come from the codec itself
/// in setup, so each step reads exactly what the other side writes.
/// </summary>
/// <remarks>
/// A server parse starts from a fresh copy of the request (a <see cref="WireRequest"/> caches its parsed
/// form and query), which adds a few small allocations to that column.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class CodecBenchmarks
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:4566");

    private ServiceModel _model = null!;
    private Operation _operation = null!;
    private IProtocolCodec _codec = null!;
    private WireRequest _request = null!;
    private OperationData _output = null!;
    private WireResponse _response = null!;

    [ParamsSource(nameof(Scenarios))]
    public CodecScenario Scenario { get; set; } = null!;

    public static IEnumerable<CodecScenario> Scenarios() => CodecScenario.Available();

    [GlobalSetup]
    public void Setup()
    {
        _model = Scenario.Model()!;
        _operation = _model.GetOperation(Scenario.Operation);
        _codec = ProtocolCodecs.For(_model);
        _request = ClientSerializeRequest();
        _output = new OperationData(Scenario.Output);
        _response = ServerSerializeResponse();

        // Fail the run, not the figures, if a direction does not round trip.
        var parsed = ServerParseRequest();
        if (parsed.Values.Count < Scenario.Input.Count || ClientParseResponse().Values.Count < Scenario.Output.Count)
        {
            throw new InvalidOperationException($"{Scenario} does not round trip through the {_codec.Protocol} codec.");
        }
    }

    [Benchmark]
    public WireRequest ClientSerializeRequest() =>
        _codec.SerializeRequest(_model, _operation, new OperationData(Scenario.Input) { Stream = InputStream() }, Endpoint);

    [Benchmark]
    public OperationData ServerParseRequest()
    {
        var request = Copy(_request);
        var operation = _codec.ResolveOperation(_model, request) ?? throw _codec.UnknownOperation(_model, request);
        return _codec.ParseRequest(_model, operation, request);
    }

    /// <summary>The resolution step alone, to tell it apart from parsing in <see cref="ServerParseRequest"/>.</summary>
    [Benchmark]
    public Operation? ServerResolveOperation() => _codec.ResolveOperation(_model, Copy(_request));

    [Benchmark]
    public WireResponse ServerSerializeResponse() => _codec.SerializeResponse(_model, _operation, _output, "01234567-89ab-cdef-0123-456789abcdef");

    [Benchmark]
    public OperationData ClientParseResponse() => _codec.ParseResponse(_model, _operation, _response);

    private MemoryStream? InputStream() => Scenario.InputStream is { } bytes ? new MemoryStream(bytes, writable: false) : null;

    private WireRequest Copy(WireRequest source)
    {
        var copy = new WireRequest
        {
            Method = source.Method,
            Host = source.Host,
            Scheme = source.Scheme,
            RawPath = source.RawPath,
            RawQuery = source.RawQuery,
            Body = source.Body,
            BodyStream = InputStream(),
        };
        foreach (var (name, value) in source.Headers)
        {
            copy.Headers.Add(name, value);
        }

        return copy;
    }
}
