using Doqutore.Aws.Client;
using Doqutore.Aws.Client.Facades;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.RoundTrip;

/// <summary>The typed CloudTrail facade over the spec-driven client, through the gateway (json 1.1).</summary>
public class CloudTrailFacadeTests(CapturingEmulatorFixture emulator) : IClassFixture<CapturingEmulatorFixture>
{
    private CloudTrailApi Api() => new(new AwsClient("cloudtrail", new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = SdkClients.Root,
    }));

    [Fact]
    public async Task GetTrailStatus_reads_logging_state_and_timestamps()
    {
        var status = await Api().GetTrailStatusAsync("management");

        Assert.False(status.IsLogging);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero), status.StopLoggingTime);
        Assert.Equal("management", (string?)emulator.Provider<CapturingCloudTrail>().Input("GetTrailStatus")["Name"]);
    }

    [Fact]
    public async Task StartLogging_names_the_trail()
    {
        await Api().StartLoggingAsync("arn:aws:cloudtrail:us-east-1:000000000000:trail/management");

        Assert.Equal("arn:aws:cloudtrail:us-east-1:000000000000:trail/management", (string?)emulator.Provider<CapturingCloudTrail>().Input("StartLogging")["Name"]);
    }

    [Fact]
    public async Task DescribeTrails_lists_typed_trails()
    {
        var trail = Assert.Single(await Api().DescribeTrailsAsync());

        Assert.Equal(new TrailSummary("management", "arn:aws:cloudtrail:us-east-1:000000000000:trail/management", "trail-logs", true, true, "us-east-1"), trail);
    }
}
