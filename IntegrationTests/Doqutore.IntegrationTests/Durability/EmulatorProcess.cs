using System.Diagnostics;

namespace Doqutore.IntegrationTests.Durability;

/// <summary>
/// The emulator as a separate process (<c>dotnet Doqutore.Cli.dll emulator --port 0 --quiet</c>), with a data
/// directory, so that a test can kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Doqutore.Cli.dll");

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Starts the emulator on a free port over <paramref name="dataDirectory"/> and waits for its endpoint line.</summary>
    public static async Task<EmulatorProcess> StartAsync(string dataDirectory)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { CliDll, "emulator", "--port", "0", "--quiet" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Emulator__DataDirectory"] = dataDirectory;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the emulator.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("http://", StringComparison.Ordinal))
            {
                return new EmulatorProcess(process, new Uri(line.Trim()));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The emulator exited ({process.ExitCode}) before printing its endpoint.");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
