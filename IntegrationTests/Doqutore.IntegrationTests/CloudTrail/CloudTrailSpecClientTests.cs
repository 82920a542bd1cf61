using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Client.Facades;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>The CloudTrail service through our spec client and the typed facade responders use.</summary>
public sealed class CloudTrailSpecClientTests(CloudTrailEmulatorFixture emulator) : IClassFixture<CloudTrailEmulatorFixture>, IDisposable
{
    private readonly AwsClient _client = new(ServiceModels.Get("cloudtrail"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    private CloudTrailApi Api => new(_client);

    public void Dispose() => _client.Dispose();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task A_responder_restores_a_stopped_trail_through_the_facade()
    {
        var name = Unique("facade");
        var created = await Api.CreateTrailAsync(new TrailSettingsRequest(name)
        {
            S3BucketName = CloudTrailEmulatorFixture.LogBucket,
            KmsKeyId = "alias/trail",
            CloudWatchLogsLogGroupArn = "arn:aws:logs:us-east-1:000000000000:log-group:trail:*",
            CloudWatchLogsRoleArn = "arn:aws:iam::000000000000:role/trail-to-logs",
            Tags = new Dictionary<string, string> { ["team"] = "security" },
        });
        await Api.StartLoggingAsync(name);
        await Api.StopLoggingAsync(created.TrailArn);
        var stopped = await Api.GetTrailStatusAsync(name);

        await Api.UpdateTrailAsync(new TrailSettingsRequest(name) { EnableLogFileValidation = true, IsMultiRegionTrail = true });
        await Api.StartLoggingAsync(name);
        var restored = await Api.GetTrailStatusAsync(name);
        var trail = await Api.GetTrailAsync(name);

        Assert.Equal($"arn:aws:cloudtrail:us-east-1:000000000000:trail/{name}", created.TrailArn);
        Assert.Equal("arn:aws:kms:us-east-1:000000000000:alias/trail", created.KmsKeyId);
        Assert.False(stopped.IsLogging);
        Assert.NotNull(stopped.StopLoggingTime);
        Assert.True(restored.IsLogging);
        Assert.NotNull(restored.StartLoggingTime);
        Assert.True(trail.LogFileValidationEnabled);
        Assert.True(trail.IsMultiRegionTrail);
        Assert.Equal("us-east-1", trail.HomeRegion);
        Assert.Contains(await Api.DescribeTrailsAsync(), t => t.Name == name && t.IsMultiRegionTrail);
        await _client.InvokeAsync("DeleteTrail", new() { ["Name"] = name });
    }

    [Fact]
    public async Task Advanced_selectors_round_trip_through_the_facade()
    {
        var name = Unique("selectors");
        await Api.CreateTrailAsync(new TrailSettingsRequest(name) { S3BucketName = CloudTrailEmulatorFixture.LogBucket });
        var put = await Api.PutEventSelectorsAsync(name, new TrailEventSelectorSet(null,
        [
            new TrailAdvancedEventSelector("phi objects",
            [
                new TrailFieldSelector("eventCategory") { EqualsValues = ["Data"] },
                new TrailFieldSelector("resources.type") { EqualsValues = ["AWS::S3::Object"] },
                new TrailFieldSelector("resources.ARN") { StartsWith = ["arn:aws:s3:::phi/"], NotEndsWith = [".tmp"] },
            ]),
        ]));
        var got = await Api.GetEventSelectorsAsync(name);

        Assert.Null(got.EventSelectors);
        var field = got.AdvancedEventSelectors![0].FieldSelectors[2];
        Assert.Equal(("resources.ARN", "arn:aws:s3:::phi/", ".tmp"), (field.Field, field.StartsWith[0], field.NotEndsWith[0]));
        Assert.Equal(put.AdvancedEventSelectors![0].Name, got.AdvancedEventSelectors[0].Name);
        Assert.True((await Api.GetTrailAsync(name)).HasCustomEventSelectors);
        await _client.InvokeAsync("DeleteTrail", new() { ["Name"] = name });
    }

    [Fact]
    public async Task Basic_selectors_round_trip_through_the_facade()
    {
        var name = Unique("basic");
        await Api.CreateTrailAsync(new TrailSettingsRequest(name) { S3BucketName = CloudTrailEmulatorFixture.LogBucket });
        await Api.PutEventSelectorsAsync(name, new TrailEventSelectorSet(
            [new TrailEventSelector("All", false, [new TrailDataResource("AWS::DynamoDB::Table", ["arn:aws:dynamodb"])])], null));

        var selector = Assert.Single((await Api.GetEventSelectorsAsync(name)).EventSelectors!);
        Assert.False(selector.IncludeManagementEvents);
        Assert.Equal("arn:aws:dynamodb", selector.DataResources[0].Values[0]);
        await _client.InvokeAsync("DeleteTrail", new() { ["Name"] = name });
    }

    [Fact]
    public async Task An_invalid_name_is_InvalidTrailNameException_over_the_wire()
    {
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Api.CreateTrailAsync(new TrailSettingsRequest("-bad") { S3BucketName = CloudTrailEmulatorFixture.LogBucket }));
        Assert.Equal(("InvalidTrailNameException", "Trail name must starts with a letter or number.", 400), (e.Code, e.Message, e.StatusCode));
    }

    [Fact]
    public async Task Both_kinds_of_selectors_at_once_are_refused_over_the_wire()
    {
        var name = Unique("both");
        await Api.CreateTrailAsync(new TrailSettingsRequest(name) { S3BucketName = CloudTrailEmulatorFixture.LogBucket });
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => Api.PutEventSelectorsAsync(name, new TrailEventSelectorSet(
            [new TrailEventSelector("All", true, [])],
            [new TrailAdvancedEventSelector(null, [new TrailFieldSelector("eventCategory") { EqualsValues = ["Management"] }])])));
        Assert.Equal("InvalidParameterCombinationException", e.Code);
        await _client.InvokeAsync("DeleteTrail", new() { ["Name"] = name });
    }
}
