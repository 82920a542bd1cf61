using System.IO.Compression;
using System.Text.Json.Nodes;
using Doqutore.Aws.Client;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.IntegrationTests.Iam;
using Doqutore.IntegrationTests.Infrastructure;
using Doqutore.IntegrationTests.Recording;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>
/// Real signed calls through the gateway, recorded by the recorder and handed to the CloudTrail service: the
/// delivery semantics of issue 4 end to end (the event bus and the log bucket are test doubles). Each test works in
/// a region of its own, so the trails of one do not take the calls of another.
/// </summary>
public sealed class CloudTrailEndToEndTests(CloudTrailDeliveryFixture emulator) : IClassFixture<CloudTrailDeliveryFixture>
{
    private readonly AwsClient _iam = IamSetup.Client(emulator, SdkClients.Root);

    private AwsClient Trail(string region, Amazon.Runtime.AWSCredentials? credentials = null) =>
        new(Doqutore.Aws.Models.ServiceModels.Get("cloudtrail"), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = region,
            Credentials = credentials ?? SdkClients.Root,
            MaxErrorRetry = 0,
        });

    private static JsonObject Named(string name) => new() { ["Name"] = name };

    private string[] BusNames(string region) => emulator.Bus.In(region).Select(e => (string)e.Detail["eventName"]!).ToArray();

    private static async Task StartedTrail(AwsClient client, string name)
    {
        await client.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = name, ["S3BucketName"] = "audit-logs" });
        await client.InvokeAsync("StartLogging", Named(name));
    }

    [Fact]
    public async Task Without_a_logging_trail_nothing_reaches_the_bus_but_the_history_has_the_call()
    {
        const string region = "eu-west-3";
        using var client = Trail(region);
        await client.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = "idle", ["S3BucketName"] = "audit-logs" });
        await client.InvokeAsync("UpdateTrail", new JsonObject { ["Name"] = "idle", ["EnableLogFileValidation"] = true });

        var history = await client.InvokeAsync("LookupEvents", new JsonObject
        {
            ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = "EventName", ["AttributeValue"] = "UpdateTrail" }),
        });

        Assert.Empty(emulator.Bus.In(region));
        var e = (JsonObject)Assert.Single((JsonArray)history["Events"]!)!;
        Assert.Equal(("UpdateTrail", "root", "false"), ((string?)e["EventName"], (string?)e["Username"], (string?)e["ReadOnly"]));
        Assert.Empty(CloudTrailRecordSchema.Violations(JsonNode.Parse((string)e["CloudTrailEvent"]!)!));
    }

    [Fact]
    public async Task An_IAM_user_stops_logging_and_the_StopLogging_event_is_delivered_but_nothing_after_it()
    {
        const string region = "eu-south-1";
        using var root = Trail(region);
        await StartedTrail(root, "main");
        var user = AwsCli.Unique("stopper");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = user });
        await _iam.InvokeAsync("AttachUserPolicy", new JsonObject { ["UserName"] = user, ["PolicyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess" });
        using var mallory = Trail(region, await IamSetup.CreateAccessKey(_iam, user));

        await mallory.InvokeAsync("StopLogging", Named("main"));
        await mallory.InvokeAsync("DeleteTrail", Named("main"));

        var e = Assert.Single(emulator.Bus.In(region));
        Assert.Equal(("aws.cloudtrail", "AWS API Call via CloudTrail", emulator.AccountIdOf()), (e.Source, e.DetailType, e.AccountId));
        Assert.Equal("StopLogging", (string?)e.Detail["eventName"]);
        Assert.Equal("IAMUser", (string?)e.Detail["userIdentity"]!["type"]);
        Assert.Equal(user, (string?)e.Detail["userIdentity"]!["userName"]);
        Assert.Equal("main", (string?)e.Detail["requestParameters"]!["name"]);
        Assert.False(e.IsReadOnlyManagementEvent);
        Assert.Empty(CloudTrailRecordSchema.Violations(e.Detail));
    }

    [Fact]
    public async Task A_responder_finds_who_stopped_logging_through_the_facade()
    {
        const string region = "ca-west-1";
        using var client = Trail(region);
        await StartedTrail(client, "watched");
        for (var i = 0; i < 3; i++)
        {
            await client.InvokeAsync("StopLogging", Named("watched"));
        }

        var api = new Doqutore.Aws.Client.Facades.CloudTrailApi(client);
        var stops = await api.LookupEventsAsync("EventName", "StopLogging", limit: 2);
        var all = await api.LookupEventsAsync("EventName", "StopLogging");

        Assert.Equal(2, stops.Count);
        Assert.Equal(3, all.Count);
        Assert.All(all, e => Assert.Equal(("StopLogging", "root", false), (e.EventName, e.Username, e.ReadOnly)));
        Assert.True(all[0].EventTime >= all[2].EventTime);
        Assert.Equal(all[0].EventId, (string?)JsonNode.Parse(all[0].CloudTrailEvent)!["eventID"]);
    }

    [Fact]
    public async Task A_DeleteTrail_that_removes_the_only_logging_trail_is_delivered()
    {
        const string region = "me-south-1";
        using var client = Trail(region);
        await StartedTrail(client, "only");

        await client.InvokeAsync("DeleteTrail", Named("only"));
        await client.InvokeAsync("DescribeTrails", new JsonObject());

        Assert.Equal(["DeleteTrail"], BusNames(region));
    }

    [Fact]
    public async Task Read_only_calls_reach_the_bus_flagged_for_opted_in_rules()
    {
        const string region = "af-south-1";
        using var client = Trail(region);
        await StartedTrail(client, "reads");

        await client.InvokeAsync("GetTrailStatus", Named("reads"));
        await client.InvokeAsync("LookupEvents", new JsonObject { ["MaxResults"] = 1 });

        var events = emulator.Bus.In(region);
        Assert.True(Assert.Single(events, e => (string?)e.Detail["eventName"] == "GetTrailStatus").IsReadOnlyManagementEvent);
        Assert.Contains(events, e => (string?)e.Detail["eventName"] == "LookupEvents");
    }

    [Fact]
    public async Task Failed_calls_are_delivered_with_their_error()
    {
        const string region = "ap-east-1";
        using var client = Trail(region);
        await StartedTrail(client, "errors");

        await Assert.ThrowsAsync<Doqutore.Aws.Protocols.AwsServiceException>(() => client.InvokeAsync("UpdateTrail", Named("myTrail2")));

        var e = Assert.Single(emulator.Bus.In(region));
        Assert.Equal("TrailNotFoundException", (string?)e.Detail["errorCode"]);
        Assert.Equal($"Unknown trail: myTrail2 for the user: {EmulatorFixture.AccountId}", (string?)e.Detail["errorMessage"]);
        Assert.Null(e.Detail["responseElements"]);
    }

    [Fact]
    public async Task Advanced_selectors_without_management_events_keep_them_off_the_bus()
    {
        const string region = "ap-southeast-3";
        using var client = Trail(region);
        await StartedTrail(client, "data-only");
        await client.InvokeAsync("PutEventSelectors", JsonNode.Parse("""
            {"TrailName":"data-only","AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]}
            """)!.AsObject());

        await client.InvokeAsync("StopLogging", Named("data-only"));

        Assert.Equal(["PutEventSelectors"], BusNames(region));
    }

    [Fact]
    public async Task The_trails_log_file_holds_the_recorded_calls()
    {
        const string region = "il-central-1";
        using var client = Trail(region);
        await client.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = "files", ["S3BucketName"] = "audit-logs", ["S3KeyPrefix"] = "e2e" });
        await client.InvokeAsync("StartLogging", Named("files"));
        await client.InvokeAsync("StopLogging", Named("files"));

        await emulator.Delivery.DeliverAllAsync();

        var (key, content) = Assert.Single(emulator.LogStore.Objects, o => o.Key.Contains($"/CloudTrail/{region}/", StringComparison.Ordinal));
        Assert.StartsWith($"audit-logs/e2e/AWSLogs/{EmulatorFixture.AccountId}/CloudTrail/{region}/", key, StringComparison.Ordinal);
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        var record = (JsonObject)Assert.Single((JsonArray)JsonNode.Parse(gzip)!["Records"]!)!;
        Assert.Equal("StopLogging", (string?)record["eventName"]);
        Assert.Empty(CloudTrailRecordSchema.Violations(record));
        Assert.NotNull((await client.InvokeAsync("GetTrailStatus", Named("files")))["LatestDeliveryTime"]);
    }
}

internal static class FixtureAccount
{
    public static string AccountIdOf(this EmulatorFixture _) => EmulatorFixture.AccountId;
}
