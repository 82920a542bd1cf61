using System.Globalization;
using Amazon.Runtime;

namespace Doqutore.Benchmarks.Load;

/// <summary>
/// The emulator beside the reference servers of the npm registry, in one run (issue 5): s3rver for S3 and
/// dynalite for DynamoDB, each its own process, the same SDK calls at each concurrency. On two cores the SDK
/// client caps ops/s, so the server CPU per operation (from <c>/proc/PID/stat</c>) is the figure to compare; the
/// resident memory of each server idle and after the load is printed too.
/// </summary>
public static class Compare
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var targets = args.String("targets", "s3rver,dynalite,emulator").Split(',');
        var concurrencies = args.Ints("concurrency", "1,8");
        var seconds = TimeSpan.FromSeconds(args.Int("seconds", 10));
        var warmup = TimeSpan.FromSeconds(args.Int("warmup", 3));
        var only = args.String("operations", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var modules = Path.Combine(BenchPaths.RepoRoot, "bench", "compare", "node_modules");

        Console.WriteLine($"S3 and DynamoDB over loopback, AWS SDK client; {seconds.TotalSeconds:F0} s per row after {warmup.TotalSeconds:F0} s warm-up; {Environment.ProcessorCount} cores");
        Console.WriteLine("  server     operation  conc    ops/s   p50 ms   p99 ms   server CPU µs/op   answers");
        foreach (var target in targets)
        {
            var data = Path.Combine(Path.GetTempPath(), $"doqutore-compare-{Guid.NewGuid():N}");
            Directory.CreateDirectory(data);
            using var server = target switch
            {
                "s3rver" => await ServerProcess.StartNodeAsync(Path.Combine(modules, "s3rver", "bin", "s3rver.js"), port => ["--address", "127.0.0.1", "--port", Str(port), "--directory", data, "--silent"], TimeSpan.FromMilliseconds(20)).ConfigureAwait(false),
                "dynalite" => await ServerProcess.StartNodeAsync(Path.Combine(modules, "dynalite", "cli.js"), port => ["--host", "127.0.0.1", "--port", Str(port)], TimeSpan.FromMilliseconds(20)).ConfigureAwait(false),
                "emulator" => await ServerProcess.StartEmulatorAsync(BenchPaths.CliDll(args), TimeSpan.FromMilliseconds(5), new Dictionary<string, string> { ["Emulator__DataDirectory"] = data }).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown target '{target}' (s3rver, dynalite, emulator)."),
            };
            var idle = server.ResidentMiB;
            var s3 = target is "s3rver" or "emulator";
            var dynamoDb = target is "dynalite" or "emulator";
            var calls = new DataPlaneCalls(server.Url, target == "s3rver" ? new BasicAWSCredentials("S3RVER", "S3RVER") : new BasicAWSCredentials("test", "test"));
            s3 = s3 && await Prepared(target, "S3", () => calls.PrepareAsync(s3: true, dynamoDb: false)).ConfigureAwait(false);
            dynamoDb = dynamoDb && await Prepared(target, "DynamoDB", () => calls.PrepareAsync(s3: false, dynamoDb: true)).ConfigureAwait(false);
            var operations = (s3 ? DataPlaneCalls.S3Operations : []).Concat(dynamoDb ? DataPlaneCalls.DynamoDbOperations : []);
            foreach (var operation in operations.Where(o => only.Length == 0 || only.Contains(o)))
            {
                foreach (var concurrency in concurrencies)
                {
                    await Throughput.MeasureAsync(calls.For(operation), concurrency, warmup, server.Pid).ConfigureAwait(false);
                    var row = await Throughput.MeasureAsync(calls.For(operation), concurrency, seconds, server.Pid).ConfigureAwait(false);
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  {target,-10} {operation,-10} {concurrency,4} {row.PerSecond,8:F0} {row.P50,8:F2} {row.P99,8:F2} {row.ServerCpuPerRequest * 1000,18:F0}   {row.Answers}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {target,-10} resident memory: {idle:F0} MiB idle, {server.ResidentMiB:F0} MiB after the load"));
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>Sets up one service family; a server that does not serve it yet is reported and left out.</summary>
    private static async Task<bool> Prepared(string target, string family, Func<Task> prepare)
    {
        try
        {
            await prepare().ConfigureAwait(false);
            return true;
        }
        catch (AmazonServiceException error)
        {
            Console.WriteLine($"  {target,-10} {family} left out: {error.ErrorCode}: {error.Message}");
            return false;
        }
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
