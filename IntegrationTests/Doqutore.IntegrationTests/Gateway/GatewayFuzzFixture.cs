using System.Text.Json.Nodes;
using Doqutore.Emulator.Hosting;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>
/// Two emulators of the fuzz tests' own, in-process on free loopback ports: one as configured by default,
/// and one whose buffered-body limit is <see cref="RequestMutator.SmallBodyLimit"/> so oversized requests
/// stay cheap. Their own, so the unexpected-exception counters they report belong to the fuzzer alone.
/// </summary>
public sealed class GatewayFuzzFixture : IAsyncLifetime
{
    private WebApplication? _main;
    private WebApplication? _small;

    /// <summary>The default emulator.</summary>
    public Uri Main { get; private set; } = null!;

    /// <summary>The emulator with the small body limit.</summary>
    public Uri Small { get; private set; } = null!;

    public FuzzSender Sender { get; } = new(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey);

    public async Task InitializeAsync()
    {
        // Logging off: a bug found would otherwise log thousands of stack traces; diagnostics keep the recent ones.
        string[] args = ["--Logging:LogLevel:Default=None"];
        _main = EmulatorHost.Create(args, o => o.Port = 0);
        _small = EmulatorHost.Create(args, o =>
        {
            o.Port = 0;
            o.MaxBufferedBodyBytes = RequestMutator.SmallBodyLimit;
        });
        await _main.StartAsync();
        await _small.StartAsync();
        Main = _main.BaseAddress();
        Small = _small.BaseAddress();
    }

    public async Task DisposeAsync()
    {
        Sender.Dispose();
        foreach (var app in new[] { _main, _small })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>Resets both emulators' stores and diagnostics.</summary>
    public async Task ResetAsync()
    {
        using var http = new HttpClient();
        foreach (var url in new[] { Main, Small })
        {
            using var response = await http.PostAsync(new Uri(url, "/_doqutore/reset"), null);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Unexpected exceptions counted by both emulators, and the recent ones' descriptions.</summary>
    public async Task<(long Count, IReadOnlyList<string> Recent)> UnexpectedExceptionsAsync()
    {
        using var http = new HttpClient();
        long count = 0;
        var recent = new List<string>();
        foreach (var url in new[] { Main, Small })
        {
            var diagnostics = JsonNode.Parse(await http.GetStringAsync(new Uri(url, "/_doqutore/diagnostics")))!;
            count += diagnostics["unexpectedExceptions"]!.GetValue<long>();
            recent.AddRange(diagnostics["recent"]!.AsArray().Select(r => r!.GetValue<string>()));
        }

        return (count, recent);
    }
}
