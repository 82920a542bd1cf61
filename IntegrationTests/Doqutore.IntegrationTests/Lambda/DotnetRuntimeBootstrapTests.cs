using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>The published bootstrap and its package themselves, outside the emulator.</summary>
public sealed class DotnetRuntimeBootstrapTests
{
    [Fact]
    public async Task The_package_holds_only_an_executable_bootstrap_at_its_root()
    {
        var sample = await DotnetRuntimeSample.GetAsync();

        using var zip = ZipFile.OpenRead(sample.FunctionZip);

        var entry = Assert.Single(zip.Entries);
        Assert.Equal("bootstrap", entry.FullName);
        // Lambda runs the bootstrap with the mode the zip records (high 16 bits of the external attributes).
        var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"mode {Convert.ToString((int)mode, 8)}");
        Assert.Equal(new FileInfo(sample.Bootstrap).Length, entry.Length);
    }

    [Fact]
    public async Task SIGTERM_while_waiting_for_an_event_ends_the_bootstrap_with_exit_code_0()
    {
        var sample = await DotnetRuntimeSample.GetAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var info = new ProcessStartInfo(sample.Bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{port}/_doqutore/runtime/echo/sandbox";
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "echo";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // A Runtime API that takes the `next` request and never answers: the runtime is idle, as between events.
        using var connection = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var request = new byte[1024];
        var read = await connection.GetStream().ReadAsync(request).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("GET /_doqutore/runtime/echo/sandbox/2018-06-01/runtime/invocation/next HTTP/1.1", System.Text.Encoding.ASCII.GetString(request, 0, read), StringComparison.Ordinal);

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var exited = process.WaitForExit(TimeSpan.FromSeconds(10));
        if (!exited)
        {
            process.Kill();
        }

        Assert.True(exited, "the bootstrap did not exit within 10 s of SIGTERM");
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, await stderr);
        Assert.DoesNotContain("FATAL", await stdout, StringComparison.Ordinal);
    }
}
