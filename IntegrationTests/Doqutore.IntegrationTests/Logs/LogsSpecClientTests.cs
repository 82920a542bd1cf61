using System.Text.Json.Nodes;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Logs;

/// <summary>CloudWatch Logs through our spec-driven client (json 1.1).</summary>
[Collection(EmulatorCollection.Name)]
public class LogsSpecClientTests(EmulatorFixture emulator)
{
    private AwsClient Client() => new("logs", new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = SdkClients.Root,
        MaxErrorRetry = 0,
    });

    [Fact]
    public async Task A_JSON_filter_pattern_selects_structured_events_across_streams()
    {
        using var logs = Client();
        var group = "/spec/" + AwsCli.Unique("g");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await logs.InvokeAsync("CreateLogGroup", new JsonObject { ["logGroupName"] = group });
        foreach (var (stream, message) in new[] { ("one", "{\"eventName\":\"DeleteBucket\",\"user\":{\"id\":7}}"), ("two", "{\"eventName\":\"GetObject\",\"user\":{\"id\":7}}"), ("three", "plain text") })
        {
            await logs.InvokeAsync("CreateLogStream", new JsonObject { ["logGroupName"] = group, ["logStreamName"] = stream });
            await logs.InvokeAsync("PutLogEvents", new JsonObject
            {
                ["logGroupName"] = group,
                ["logStreamName"] = stream,
                ["logEvents"] = new JsonArray(new JsonObject { ["timestamp"] = now, ["message"] = message }),
            });
        }

        var found = await logs.InvokeAsync("FilterLogEvents", new JsonObject
        {
            ["logGroupName"] = group,
            ["filterPattern"] = "{ ($.eventName = Delete*) && ($.user.id = 7) }",
        });

        Assert.Equal(["one"], found["events"]!.AsArray().Select(e => (string?)e!["logStreamName"]));
        Assert.Equal(3, found["searchedLogStreams"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_stream_in_a_missing_group_is_refused_with_AWS_s_error()
    {
        using var logs = Client();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => logs.InvokeAsync("CreateLogStream", new JsonObject { ["logGroupName"] = "missing-" + Guid.NewGuid().ToString("N"), ["logStreamName"] = "s" }));

        Assert.Equal(("ResourceNotFoundException", "The specified log group does not exist.", 400), (error.Code, error.Message, error.StatusCode));
    }
}
