using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;
using Doqutore.Benchmarks.Codecs;

namespace Doqutore.Benchmarks.Signing;

/// <summary>
/// The gateway's other per-request CPU step: verifying a SigV4 header signature, on the wire request of each
/// codec scenario (signed once in setup, by the client's <see cref="RequestSigner"/>, at a fixed time).
/// Streaming S3 bodies are signed UNSIGNED-PAYLOAD, so their figure covers the header checks only.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class SigV4Benchmarks
{
    private static readonly DateTime SignedAt = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private SigV4Verifier _verifier = null!;
    private WireRequest _request = null!;

    [ParamsSource(nameof(Scenarios))]
    public CodecScenario Scenario { get; set; } = null!;

    public static IEnumerable<CodecScenario> Scenarios() => CodecScenario.Available();

    [GlobalSetup]
    public void Setup()
    {
        var model = Scenario.Model()!;
        var input = new OperationData(Scenario.Input) { Stream = Scenario.InputStream is { } bytes ? new MemoryStream(bytes) : null };
        _request = ProtocolCodecs.For(model).SerializeRequest(model, model.GetOperation(Scenario.Operation), input, new Uri("http://127.0.0.1:4566"));
        using (var signer = new RequestSigner(new BasicAWSCredentials("test", "test"), "us-east-1", model.Metadata.SigningName, SignedAt))
        {
            signer.Sign(_request);
        }

        _verifier = new SigV4Verifier(new InMemorySigningKeyStore().Add("test", new SigningKey("test")));
        if (!Verify().IsAuthenticated)
        {
            throw new InvalidOperationException($"{Scenario}: the signed request does not verify.");
        }
    }

    [Benchmark]
    public SigV4Result Verify() => _verifier.Verify(_request, SignedAt);
}
