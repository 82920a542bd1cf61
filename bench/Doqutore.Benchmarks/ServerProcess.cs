using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Doqutore.Benchmarks;

/// <summary>
/// A server under measurement, started as its own <c>dotnet &lt;dll&gt; …</c> process (so its CPU can be read
/// from <c>/proc/PID/stat</c> and its start-up is a real cold start), ready once
/// <c>GET /_doqutore/health</c> answers 200.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string HealthPath = "/_doqutore/health";

    private static readonly HttpClient Poller = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly Process _process;

    private ServerProcess(Process process, int port, TimeSpan timeToHealthy, TimeSpan? timeToFirstOutput)
    {
        _process = process;
        Port = port;
        TimeToHealthy = timeToHealthy;
        TimeToFirstOutput = timeToFirstOutput;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public int Pid => _process.Id;

    /// <summary>The server's resident memory now (<c>VmRSS</c> of <c>/proc/PID/status</c>), in MiB.</summary>
    public double ResidentMiB
    {
        get
        {
            var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
    }

    /// <summary>From <see cref="Process.Start()"/> to the first 200 from the health endpoint.</summary>
    public TimeSpan TimeToHealthy { get; }

    /// <summary>
    /// From <see cref="Process.Start()"/> to the server's first line on stdout (the CLI prints its endpoint
    /// once Kestrel listens), or null if it printed nothing by the time it was healthy.
    /// </summary>
    public TimeSpan? TimeToFirstOutput { get; }

    /// <summary>The emulator through the built CLI, as a user runs it.</summary>
    public static Task<ServerProcess> StartEmulatorAsync(string cliDll, TimeSpan pollEvery, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync(cliDll, port => ["emulator", "--port", Str(port), "--quiet"], pollEvery, environment);

    /// <summary>This assembly's do-nothing Kestrel server (<see cref="Load.StubServer"/>).</summary>
    public static Task<ServerProcess> StartStubAsync(TimeSpan pollEvery) =>
        StartAsync(BenchPaths.SelfDll, port => ["stub-server", "--port", Str(port)], pollEvery);

    /// <summary>Starts <c>dotnet dll arguments</c> on a free port, with extra environment variables, and waits until it is healthy.</summary>
    public static Task<ServerProcess> StartAsync(string dll, Func<int, string[]> arguments, TimeSpan pollEvery, IReadOnlyDictionary<string, string>? environment = null) =>
        StartAsync("dotnet", port => [dll, .. arguments(port)], HealthPath, anyAnswer: false, pollEvery, environment);

    /// <summary>
    /// Starts <c>node script arguments</c> (a reference server of the npm registry) on a free port and waits until
    /// it answers <c>GET /</c> at all: such servers have no health endpoint, and any HTTP answer means listening.
    /// </summary>
    public static Task<ServerProcess> StartNodeAsync(string script, Func<int, string[]> arguments, TimeSpan pollEvery) =>
        StartAsync("node", port => [script, .. arguments(port)], "/", anyAnswer: true, pollEvery, environment: null);

    private static async Task<ServerProcess> StartAsync(string executable, Func<int, string[]> arguments, string healthPath, bool anyAnswer, TimeSpan pollEvery, IReadOnlyDictionary<string, string>? environment)
    {
        var port = FreePort();
        var dll = arguments(port)[0];
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments(port))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable} {dll}.");

        // Drain both pipes so a chatty server never blocks on a full pipe.
        long firstOutput = 0;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Interlocked.CompareExchange(ref firstOutput, clock.Elapsed.Ticks, 0);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [server stderr] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var health = new Uri($"http://127.0.0.1:{port}{healthPath}");
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{executable} {dll} exited with {process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await Poller.GetAsync(health).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK || anyAnswer)
                {
                    var healthy = clock.Elapsed;
                    var printed = Interlocked.Read(ref firstOutput);
                    return new ServerProcess(process, port, healthy, printed == 0 ? null : TimeSpan.FromTicks(printed));
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(pollEvery).ConfigureAwait(false);
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new TimeoutException($"{executable} {dll} was not healthy within 30 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Str(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
