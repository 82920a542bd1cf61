using BenchmarkDotNet.Running;
using Doqutore.Benchmarks;
using Doqutore.Benchmarks.Load;
using Doqutore.Benchmarks.Startup;

// One executable, several modes: the process-level measurements (cold start, loopback throughput) need the
// emulator as a separate process, and the stub server must be one too; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "coldstart" => await ColdStart.RunAsync(BenchArgs.Parse(args[1..])).ConfigureAwait(false),
    "throughput" => await Throughput.RunAsync(BenchArgs.Parse(args[1..])).ConfigureAwait(false),
    "compare" => await Compare.RunAsync(BenchArgs.Parse(args[1..])).ConfigureAwait(false),
    "eventflow" => await EventFlowLatency.RunAsync(BenchArgs.Parse(args[1..])).ConfigureAwait(false),
    "gateway" => await Doqutore.Benchmarks.Gateway.GatewayLoop.RunAsync(BenchArgs.Parse(args[1..])).ConfigureAwait(false),
    "stub-server" => await StubServer.RunAsync(BenchArgs.Parse(args[1..])).ConfigureAwait(false),
    "noop" => 0,
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchArgs).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}
