using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Emulator.Delivery;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Events;

/// <summary>
/// Events AWS services put on the default bus (<see cref="IServiceEventBus"/>): read-only management events
/// reach only rules that opt in with <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c>; others reach both.
/// Outcomes read from <c>GET /_doqutore/events</c>.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class ServiceEventBusTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsClient _events = new(ServiceModels.Get("events"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    public void Dispose()
    {
        _events.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_read_only_management_event_reaches_only_rules_that_opt_in()
    {
        var (source, enabled, optIn) = await TwoRulesAsync();

        var matched = await PutAsync(source, readOnly: true);

        Assert.Equal([optIn], matched);
        Assert.DoesNotContain(enabled, matched);
    }

    [Fact]
    public async Task A_mutating_management_event_reaches_enabled_and_opted_in_rules()
    {
        var (source, enabled, optIn) = await TwoRulesAsync();

        var matched = await PutAsync(source, readOnly: false);

        Assert.Equal(new[] { enabled, optIn }.Order(StringComparer.Ordinal), matched.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_service_event_carries_the_aws_envelope()
    {
        var (source, _, _) = await TwoRulesAsync();

        await PutAsync(source, readOnly: false);
        var logged = await LoggedAsync(source);

        var envelope = logged["event"]!.AsObject();
        Assert.Equal(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"], envelope.Select(p => p.Key));
        Assert.Equal("AWS API Call via CloudTrail", envelope["detail-type"]!.GetValue<string>());
        Assert.Equal("2024-05-06T07:08:09Z", envelope["time"]!.GetValue<string>());
        Assert.Empty(envelope["resources"]!.AsArray());
        Assert.Equal("StopLogging", envelope["detail"]!["eventName"]!.GetValue<string>());
    }

    /// <summary>A unique source, a rule ENABLED and a rule opting in, both matching that source.</summary>
    private async Task<(string Source, string Enabled, string OptIn)> TwoRulesAsync()
    {
        var source = $"aws.test-{Guid.NewGuid():N}";
        var pattern = new JsonObject { ["source"] = new JsonArray(source) }.ToJsonString();
        var enabled = await PutRuleAsync("plain", pattern, "ENABLED");
        var optIn = await PutRuleAsync("optin", pattern, "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
        return (source, enabled, optIn);
    }

    private async Task<string> PutRuleAsync(string prefix, string pattern, string state)
    {
        var output = await _events.InvokeAsync("PutRule", new JsonObject { ["Name"] = AwsCli.Unique(prefix), ["EventPattern"] = pattern, ["State"] = state });
        return output["RuleArn"]!.GetValue<string>();
    }

    private async Task<string[]> PutAsync(string source, bool readOnly)
    {
        emulator.Services.GetRequiredService<IServiceEventBus>().Put(new ServiceEvent(
            EmulatorFixture.AccountId,
            EmulatorFixture.Region,
            source,
            "AWS API Call via CloudTrail",
            new JsonObject { ["eventName"] = "StopLogging" },
            new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero))
        {
            IsReadOnlyManagementEvent = readOnly,
        });
        return (await LoggedAsync(source))["matchedRules"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
    }

    private async Task<JsonNode> LoggedAsync(string source)
    {
        using var http = new HttpClient { BaseAddress = emulator.Endpoint };
        var log = JsonNode.Parse(await http.GetStringAsync(new Uri("/_doqutore/events", UriKind.Relative)))!;
        return log["events"]!.AsArray().Last(e => e!["source"]!.GetValue<string>() == source)!;
    }
}
