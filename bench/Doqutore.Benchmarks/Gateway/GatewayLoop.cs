using System.Diagnostics;
using Doqutore.Benchmarks.Load;

namespace Doqutore.Benchmarks.Gateway;

/// <summary>
/// The <c>gateway</c> mode: each operation of <see cref="GatewayRequests"/> repeated in-process, one call after
/// the other, for a fixed time after a warm-up. Prints the process CPU and the bytes allocated per call: a steady
/// figure on a shared machine (no client, no sockets), and a loop to attach <c>perf</c> to
/// (<c>DOTNET_PerfMapEnabled=1</c>). Options: <c>--ops sts,ddb-get,ddb-put,s3-get,s3-put</c>, <c>--seconds 5</c>,
/// <c>--warmup 2</c>.
/// </summary>
public static class GatewayLoop
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var ops = args.String("ops", string.Join(',', GatewayRequests.Operations)).Split(',', StringSplitOptions.RemoveEmptyEntries);
        var seconds = TimeSpan.FromSeconds(args.Int("seconds", 5));
        var warmup = TimeSpan.FromSeconds(args.Int("warmup", 2));
        using var gateway = new GatewayRequests();
        Console.WriteLine($"The gateway chain in-process (no Kestrel, no client); {seconds.TotalSeconds:F0} s per row after {warmup.TotalSeconds:F0} s warm-up");
        Console.WriteLine("  operation     calls   CPU µs/call   wall µs/call   allocated B/call   gen0/1/2   methods JIT-compiled   heap MiB after");
        foreach (var op in ops)
        {
            var request = GatewayRequests.Request(op);
            await RepeatAsync(gateway, request, warmup).ConfigureAwait(false);
            var cpu = ProcessCpu.Self();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var clock = Stopwatch.StartNew();
            var calls = await RepeatAsync(gateway, request, seconds).ConfigureAwait(false);
            var wall = clock.Elapsed;
            var spent = ProcessCpu.Self() - cpu;
            var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            Console.WriteLine(
                $"  {op,-10} {calls,8} {spent.TotalMicroseconds / calls,13:F1} {wall.TotalMicroseconds / calls,14:F1} {bytes / calls,18:N0}   " +
                $"{GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}   {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted}   {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0}");
        }

        return 0;
    }

    private static async Task<long> RepeatAsync(GatewayRequests gateway, Aws.Wire.WireRequest request, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        long calls = 0;
        while (clock.Elapsed < duration)
        {
            var status = await gateway.SendAsync(request).ConfigureAwait(false);
            if (status is not (200 or 204))
            {
                throw new InvalidOperationException($"{request.Method} {request.RawPath} answered {status}.");
            }

            calls++;
        }

        return calls;
    }
}
