using System.Diagnostics;
using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Cli;

/// <summary>The built <c>doqutore</c> CLI, run as users run it: <c>dotnet Doqutore.Cli.dll …</c>.</summary>
public class CliTests
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Doqutore.Cli.dll");

    [Theory]
    [InlineData("--help", "emulator")]
    [InlineData("emulator --help", "--port")]
    public void Help_describes_every_command_and_option(string args, string mentions)
    {
        var result = ExternalTool.Run("dotnet", [CliDll, .. args.Split(' ')], TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(mentions, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_fails_with_a_message()
    {
        var result = ExternalTool.Run("dotnet", [CliDll, "frobnicate"], TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_prints_its_banner_and_serves_until_stopped()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliDll, "emulator", "--port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        try
        {
            var banner = await ReadBannerAsync(process.StandardOutput);

            var endpoint = banner.Single(l => l.TrimStart().StartsWith("Endpoint", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.StartsWith("http://127.0.0.1:", endpoint, StringComparison.Ordinal);
            Assert.Contains(banner, l => l.Contains($"aws --endpoint-url {endpoint} sts get-caller-identity", StringComparison.Ordinal));
            Assert.Contains(banner, l => l.Contains("000000000000", StringComparison.Ordinal));
            using var http = new HttpClient();
            var health = JsonNode.Parse(await http.GetStringAsync(new Uri(endpoint + "/_doqutore/health")))!;
            Assert.Equal("running", (string?)health["status"]);
            Assert.Equal("running", (string?)health["services"]!["sts"]!["status"]);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<List<string>> ReadBannerAsync(StreamReader output)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.Contains("Ctrl+C", StringComparison.Ordinal))
            {
                return lines;
            }
        }

        throw new InvalidOperationException("The emulator exited before printing its banner: " + string.Join('\n', lines));
    }
}
