using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Wire;
using Doqutore.Benchmarks.Codecs;

namespace Doqutore.Benchmarks.Gateway;

/// <summary>
/// The gateway chain per call (route → authenticate → parse → authorize → dispatch → serialize → record) in a
/// real emulator, without Kestrel or a client; <see cref="ContextOnly"/> is the harness's own share.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class GatewayBenchmarks
{
    private GatewayRequests _gateway = null!;
    private WireRequest _request = null!;

    [Params("sts", "ddb-get", "ddb-put", "s3-get", "s3-put")]
    public string Operation { get; set; } = "sts";

    [GlobalSetup]
    public void Setup()
    {
        _gateway = new GatewayRequests();
        _request = GatewayRequests.Request(Operation);
    }

    [GlobalCleanup]
    public void Cleanup() => _gateway.Dispose();

    [Benchmark]
    public Task<int> Handle() => _gateway.SendAsync(_request);

    [Benchmark(Baseline = true)]
    public int ContextOnly() => GatewayRequests.ContextOnly(_request);
}
