using System.Globalization;
using Doqutore.Aws.Models;
using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>
/// The gateway under mutated requests, per protocol: at least 10,000 each, no 5xx, every error AWS-shaped for
/// the protocol the request was routed to, and no unexpected exception counted. The seed is fixed so CI runs
/// are reproducible; <c>DOQUTORE_FUZZ_SEED</c> picks another, <c>DOQUTORE_FUZZ_REQUESTS</c> another count.
/// </summary>
public sealed class GatewayFuzzTests(GatewayFuzzFixture emulators, ITestOutputHelper output) : IClassFixture<GatewayFuzzFixture>
{
    private const int MinimumRequests = 10_000;
    private const int Senders = 4;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    [Fact]
    public Task Mutated_json_requests_get_only_aws_shaped_client_errors() => RunAsync(Protocol.Json, 1001);

    [Fact]
    public Task Mutated_rest_json_requests_get_only_aws_shaped_client_errors() => RunAsync(Protocol.RestJson, 2002);

    [Fact]
    public Task Mutated_query_requests_get_only_aws_shaped_client_errors() => RunAsync(Protocol.Query, 3003);

    [Fact]
    public Task Mutated_rest_xml_requests_get_only_aws_shaped_client_errors() => RunAsync(Protocol.RestXml, 4004);

    private async Task RunAsync(Protocol protocol, int defaultSeed)
    {
        var seed = Environment.GetEnvironmentVariable("DOQUTORE_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : defaultSeed;
        var count = Environment.GetEnvironmentVariable("DOQUTORE_FUZZ_REQUESTS") is { Length: > 0 } c ? int.Parse(c, CultureInfo.InvariantCulture) : MinimumRequests;
        await emulators.ResetAsync();

        // Throws NotSupportedException while a protocol has no codec: the test then fails saying so.
        var campaign = new FuzzCampaign(protocol, seed, emulators);
        await campaign.RunAsync(count, Senders, Budget);
        var (unexpected, recent) = await emulators.UnexpectedExceptionsAsync();
        var report = campaign.Report() + $"unexpected exceptions counted by the gateway: {unexpected}\n" + string.Concat(recent.Select(r => $"  {r}\n"));
        output.WriteLine(report);

        var context = $"{protocol} fuzz, seed {seed} (rerun with DOQUTORE_FUZZ_SEED={seed})";
        Assert.True(campaign.Failed == 0, $"{context}: {campaign.Failed} responses broke the rules; the first:\n{string.Join("\n---\n", campaign.Failures)}\n\n{report}");
        Assert.True(unexpected == 0, $"{context}: the gateway counted {unexpected} unexpected exceptions (recent ones in the report)\n\n{report}");
        Assert.True(campaign.Answered >= count, $"{context}: only {campaign.Answered} of {count} requests answered within {Budget.TotalSeconds} s\n\n{report}");
    }
}
