using System.Text.Json.Nodes;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Tests.CloudTrail;

/// <summary>Hand-built CloudTrail records, as the recorder produces them.</summary>
internal static class Records
{
    public static CloudTrailRecord Of(
        string eventSource,
        string eventName,
        DateTimeOffset receivedAt,
        string region = CloudTrailHarness.Region,
        string account = CloudTrailHarness.Account,
        bool readOnly = false,
        CloudTrailEventCategory category = CloudTrailEventCategory.Management,
        IReadOnlyList<CloudTrailResource>? resources = null,
        string? username = "alice",
        string? accessKeyId = "AKIAEXAMPLE",
        DateTimeOffset? eventTime = null,
        string? padding = null)
    {
        var id = Guid.NewGuid().ToString();
        var time = eventTime ?? receivedAt;
        var record = new JsonObject
        {
            ["eventVersion"] = "1.10",
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = $"arn:aws:iam::{account}:user/alice", ["accountId"] = account },
            ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["eventSource"] = eventSource,
            ["eventName"] = eventName,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = "127.0.0.1",
            ["requestParameters"] = padding is null ? null : new JsonObject { ["padding"] = padding },
            ["responseElements"] = null,
            ["requestID"] = "req",
            ["eventID"] = id,
            ["readOnly"] = readOnly,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = category == CloudTrailEventCategory.Management,
            ["recipientAccountId"] = account,
            ["eventCategory"] = category.ToString(),
        };
        return new CloudTrailRecord(record)
        {
            AccountId = account,
            Region = region,
            EventSource = eventSource,
            EventName = eventName,
            EventId = id,
            RequestId = "req",
            ReceivedAt = receivedAt,
            EventTime = time,
            ReadOnly = readOnly,
            Category = category,
            Username = username,
            AccessKeyId = accessKeyId,
            Resources = resources ?? [],
            EventBridgeSource = CloudTrailConventions.EventBridgeSource(eventSource),
            NeedsReadOnlyOptIn = category == CloudTrailEventCategory.Management && CloudTrailConventions.NeedsReadOnlyOptIn(eventName),
        };
    }

    public static CloudTrailRecord S3Object(string bucket, string key, DateTimeOffset receivedAt, string eventName = "GetObject", bool readOnly = true) =>
        Of("s3.amazonaws.com", eventName, receivedAt, readOnly: readOnly, category: CloudTrailEventCategory.Data, resources:
        [
            new CloudTrailResource("AWS::S3::Object", $"arn:aws:s3:::{bucket}/{key}", $"arn:aws:s3:::{bucket}/{key}"),
            new CloudTrailResource("AWS::S3::Bucket", $"arn:aws:s3:::{bucket}", bucket),
        ]);

    public static CloudTrailRecord Lambda(string function, DateTimeOffset receivedAt) =>
        Of("lambda.amazonaws.com", "Invoke", receivedAt, category: CloudTrailEventCategory.Data, resources:
        [
            new CloudTrailResource("AWS::Lambda::Function", $"arn:aws:lambda:us-east-1:{CloudTrailHarness.Account}:function:{function}", function),
        ]);

    public static CloudTrailRecord DynamoDb(string table, DateTimeOffset receivedAt, string eventName = "PutItem", bool readOnly = false) =>
        Of("dynamodb.amazonaws.com", eventName, receivedAt, readOnly: readOnly, category: CloudTrailEventCategory.Data, resources:
        [
            new CloudTrailResource("AWS::DynamoDB::Table", $"arn:aws:dynamodb:us-east-1:{CloudTrailHarness.Account}:table/{table}", table),
        ]);
}
