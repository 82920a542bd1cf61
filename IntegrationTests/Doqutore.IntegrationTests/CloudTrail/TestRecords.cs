using System.Text.Json.Nodes;
using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>Hand-built records for the event history (until the gateway's recorder produces them).</summary>
internal static class TestRecords
{
    public static CloudTrailRecord Management(string eventName, string region, DateTimeOffset time, bool readOnly = false, string username = "alice")
    {
        var id = Guid.NewGuid().ToString();
        var record = new JsonObject
        {
            ["eventVersion"] = "1.10",
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["userName"] = username, ["accountId"] = EmulatorFixture.AccountId },
            ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["eventSource"] = "sqs.amazonaws.com",
            ["eventName"] = eventName,
            ["awsRegion"] = region,
            ["eventID"] = id,
            ["readOnly"] = readOnly,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = EmulatorFixture.AccountId,
            ["eventCategory"] = "Management",
        };
        return new CloudTrailRecord(record)
        {
            AccountId = EmulatorFixture.AccountId,
            Region = region,
            EventSource = "sqs.amazonaws.com",
            EventName = eventName,
            EventId = id,
            RequestId = Guid.NewGuid().ToString(),
            ReceivedAt = time,
            EventTime = time,
            ReadOnly = readOnly,
            Category = CloudTrailEventCategory.Management,
            Username = username,
            AccessKeyId = "AKIAEXAMPLE",
            Resources = [new CloudTrailResource("AWS::SQS::Queue", $"arn:aws:sqs:{region}:{EmulatorFixture.AccountId}:jobs", "jobs")],
        };
    }
}
