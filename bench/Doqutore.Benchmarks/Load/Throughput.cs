using System.Diagnostics;
using System.Globalization;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// Requests per second over loopback with the official SDK client: starts the server as its own process
/// (the Release CLI's emulator, or the do-nothing stub that calibrates the client's ceiling), then C
/// concurrent tasks repeat one call for a fixed time. Prints requests/s, p50/p99 latency and the CPU each
/// side spent per request (from <c>/proc/PID/stat</c>). Client and server share the machine's cores, so
/// compare servers by CPU per request as much as by requests/s.
/// </summary>
public static class Throughput
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var servers = args.String("servers", "stub,emulator").Split(',');
        var op = args.String("op", "sts");
        var concurrencies = args.Ints("concurrency", "1,8,32");
        var seconds = TimeSpan.FromSeconds(args.Int("seconds", 10));
        var warmup = TimeSpan.FromSeconds(args.Int("warmup", 3));
        var cli = servers.Contains("emulator") ? BenchPaths.CliDll(args) : string.Empty;

        Console.WriteLine($"{SdkCalls.Describe(op)} over loopback, AWS SDK client; {seconds.TotalSeconds:F0} s per row after {warmup.TotalSeconds:F0} s warm-up; {Environment.ProcessorCount} cores");
        Console.WriteLine("  server    conc    req/s   p50 ms   p99 ms   server CPU ms/req   client CPU ms/req   answers");
        foreach (var name in servers)
        {
            using var server = name switch
            {
                "emulator" => await ServerProcess.StartEmulatorAsync(cli, TimeSpan.FromMilliseconds(5)).ConfigureAwait(false),
                "stub" => await ServerProcess.StartStubAsync(TimeSpan.FromMilliseconds(5)).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown server '{name}' (emulator, stub)."),
            };
            var call = SdkCalls.Create(op, server.Url);
            foreach (var concurrency in concurrencies)
            {
                await MeasureAsync(call, concurrency, warmup, server.Pid).ConfigureAwait(false);
                var row = await MeasureAsync(call, concurrency, seconds, server.Pid).ConfigureAwait(false);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {name,-8} {concurrency,5} {row.PerSecond,8:F0} {row.P50,8:F2} {row.P99,8:F2} {row.ServerCpuPerRequest,19:F3} {row.ClientCpuPerRequest,19:F3}   {row.Answers}"));
            }
        }

        return 0;
    }

    /// <summary>C tasks repeat <paramref name="call"/> for <paramref name="duration"/>; the server's and this process's CPU are read around it.</summary>
    public static async Task<Row> MeasureAsync(Func<Task<string?>> call, int concurrency, TimeSpan duration, int serverPid)
    {
        var serverCpu = ProcessCpu.Read(serverPid);
        var clientCpu = ProcessCpu.Self();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(100_000);
            var answers = new Dictionary<string, int>(StringComparer.Ordinal);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var error = await call().ConfigureAwait(false);
                latencies.Add(Stopwatch.GetTimestamp() - start);
                var key = error ?? "200 OK";
                answers[key] = answers.GetValueOrDefault(key) + 1;
            }

            return (latencies, answers);
        })).ToArray();
        var results = await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var serverSpent = ProcessCpu.Read(serverPid) - serverCpu;
        var clientSpent = ProcessCpu.Self() - clientCpu;

        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        var answers = results.SelectMany(r => r.answers)
            .GroupBy(a => a.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ×{g.Sum(a => a.Value)}");
        return new Row(
            all.Length / elapsed.TotalSeconds,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            serverSpent.TotalMilliseconds / all.Length,
            clientSpent.TotalMilliseconds / all.Length,
            string.Join(", ", answers));
    }

    private static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0 ? double.NaN
        : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(p * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    public sealed record Row(double PerSecond, double P50, double P99, double ServerCpuPerRequest, double ClientCpuPerRequest, string Answers);
}
