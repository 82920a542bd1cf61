using System.Diagnostics;
using System.Globalization;

namespace Doqutore.Benchmarks.Startup;

/// <summary>
/// Cold start of the built CLI to a healthy emulator: N times, start
/// <c>dotnet Doqutore.Cli.dll emulator --port P --quiet</c>, poll <c>GET /_doqutore/health</c> every few
/// milliseconds until it answers 200, kill it. Two floors put the figure in context: the .NET host running
/// an empty <c>Main</c> to exit, and a minimal Kestrel app (the stub server) to its first 200.
/// </summary>
public static class ColdStart
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var cli = BenchPaths.CliDll(args);
        var runs = args.Int("runs", 10);
        var pollEvery = TimeSpan.FromMilliseconds(args.Int("poll-ms", 5));
        var targets = args.String("targets", "emulator,stub,noop").Split(',');

        // --env NAME=VALUE,NAME=VALUE: runtime knobs (DOTNET_TieredPGO=0 …) for the emulator process only.
        var environment = args.String("env", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

        Console.WriteLine($"Cold start, {runs} runs each (after one discarded warm-up run), polling every {pollEvery.TotalMilliseconds} ms; {Environment.ProcessorCount} cores");
        Console.WriteLine($"  CLI: {cli}{(environment.Count > 0 ? "; emulator environment: " + string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")) : string.Empty)}");
        foreach (var target in targets)
        {
            Func<Task<(TimeSpan Done, TimeSpan? Printed)>> once = target switch
            {
                "emulator" => async () =>
                {
                    using var server = await ServerProcess.StartEmulatorAsync(cli, pollEvery, environment).ConfigureAwait(false);
                    return (server.TimeToHealthy, server.TimeToFirstOutput);
                },
                "stub" => async () =>
                {
                    using var server = await ServerProcess.StartStubAsync(pollEvery).ConfigureAwait(false);
                    return (server.TimeToHealthy, null);
                },
                "noop" => async () => (await TimeToExitOfEmptyMainAsync().ConfigureAwait(false), null),
                _ => throw new ArgumentException($"Unknown target '{target}' (emulator, stub, noop)."),
            };

            await once().ConfigureAwait(false);
            var times = new List<double>();
            var printed = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (done, output) = await once().ConfigureAwait(false);
                times.Add(done.TotalMilliseconds);
                if (output is { } line)
                {
                    printed.Add(line.TotalMilliseconds);
                }
            }

            times.Sort();
            printed.Sort();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {Describe(target),-58} min {times[0],6:F0} ms   median {Median(times),6:F0} ms   max {times[^1],6:F0} ms"));
            if (printed.Count > 0)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {"  of which: to the endpoint line on stdout (listening)",-58} min {printed[0],6:F0} ms   median {Median(printed),6:F0} ms   max {printed[^1],6:F0} ms"));
            }
        }

        return 0;
    }

    private static string Describe(string target) => target switch
    {
        "emulator" => "dotnet Doqutore.Cli.dll emulator → health 200",
        "stub" => "floor: minimal Kestrel app (stub-server) → health 200",
        _ => "floor: dotnet host, empty Main → exit",
    };

    private static async Task<TimeSpan> TimeToExitOfEmptyMainAsync()
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        info.ArgumentList.Add(BenchPaths.SelfDll);
        info.ArgumentList.Add("noop");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        return clock.Elapsed;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
