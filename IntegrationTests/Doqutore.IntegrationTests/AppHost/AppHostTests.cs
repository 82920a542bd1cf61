using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Doqutore.IntegrationTests.AppHost;

/// <summary>
/// The whole environment as <c>dotnet run --project AppHost</c> starts it (DCP, dashboard and all): the
/// emulator resource comes up healthy on its documented endpoint.
/// </summary>
[Trait("Category", "EndToEnd")]
public class AppHostTests
{
    [Fact]
    public async Task The_AppHost_runs_a_healthy_emulator()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Doqutore_AppHost>(timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceHealthyAsync("emulator", timeout.Token);

        using var http = app.CreateHttpClient("emulator", "aws");
        var health = JsonNode.Parse(await http.GetStringAsync(new Uri("/_doqutore/health", UriKind.Relative), timeout.Token))!;
        Assert.Equal("running", (string?)health["status"]);
        Assert.Equal("running", (string?)health["services"]!["sts"]!["status"]);
        Assert.Equal(4566, http.BaseAddress!.Port);
    }
}
