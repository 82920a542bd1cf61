using System.Text.Json.Nodes;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Iam;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>
/// The StopLogging record of an IAM user equals AWS's documented example field for field: the CloudTrail User
/// Guide's StopLogging entry (the "CloudTrail log file examples" and "CloudTrail record contents" pages:
/// an IAM user with a long-term key, a management write with <c>responseElements: null</c>), with the
/// example's account, user, key and trail replaced by this test's, and the values that differ per call (eventTime,
/// eventID, requestID, sourceIPAddress, userAgent, principalId) compared by form. <c>tlsDetails</c>, which AWS adds
/// for calls over TLS, is absent: the emulator speaks plain HTTP on loopback, and AWS writes no TLS details for a
/// connection that had none.
/// </summary>
public sealed class DocumentedExampleTests(RecordingEmulatorFixture emulator) : IClassFixture<RecordingEmulatorFixture>
{
    private const string Example = """
        {
            "eventVersion": "1.10",
            "userIdentity": {
                "type": "IAMUser",
                "principalId": "AIDACKCEVSQ6C2EXAMPLE",
                "arn": "arn:aws:iam::111122223333:user/Alice",
                "accountId": "111122223333",
                "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
                "userName": "Alice"
            },
            "eventTime": "2024-01-24T22:28:30Z",
            "eventSource": "cloudtrail.amazonaws.com",
            "eventName": "StopLogging",
            "awsRegion": "us-east-1",
            "sourceIPAddress": "198.51.100.1",
            "userAgent": "aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255-314-253.539.amzn2.x86_64 exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/cloudtrail.stop-logging",
            "requestParameters": {
                "name": "myTrail"
            },
            "responseElements": null,
            "requestID": "9bb8a6ab-5f48-4b4f-9d6c-7d6e2b1d5b50",
            "eventID": "5e5c1a14-a2a6-4b3f-8c0e-1e9f2a9f5e2e",
            "readOnly": false,
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": "111122223333",
            "eventCategory": "Management"
        }
        """;

    [Fact]
    public async Task StopLogging_by_an_IAM_user_equals_AWS_s_documented_record()
    {
        using var root = IamSetup.Client(emulator, SdkClients.Root);
        var alice = AwsCli.Unique("Alice");
        var trail = AwsCli.Unique("myTrail");
        await root.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = alice });
        await root.InvokeAsync("AttachUserPolicy", new JsonObject { ["UserName"] = alice, ["PolicyArn"] = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess" });
        var credentials = await IamSetup.CreateAccessKey(root, alice);
        var keyId = credentials.GetCredentials().AccessKey;
        using var cloudTrail = new AwsClient(ServiceModels.Get("cloudtrail"), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = EmulatorFixture.Region,
            Credentials = SdkClients.Root,
            MaxErrorRetry = 0,
        });
        var bucket = await CloudTrailBuckets.NewAsync(emulator, CloudTrailBuckets.TrailArn(trail));
        await cloudTrail.InvokeAsync("CreateTrail", new JsonObject { ["Name"] = trail, ["S3BucketName"] = bucket });
        await cloudTrail.InvokeAsync("StartLogging", new JsonObject { ["Name"] = trail });
        using var asAlice = new AwsClient(cloudTrail.Model, new AwsClientOptions { ServiceUrl = emulator.Endpoint, AuthenticationRegion = EmulatorFixture.Region, Credentials = credentials, MaxErrorRetry = 0 });

        await asAlice.InvokeAsync("StopLogging", new JsonObject { ["Name"] = trail });

        var record = Assert.Single(emulator.Trail.Find("StopLogging", trail)).Record.DeepClone().AsObject();
        var expected = JsonNode.Parse(Example
            .Replace("111122223333", EmulatorFixture.AccountId, StringComparison.Ordinal)
            .Replace("AKIAIOSFODNN7EXAMPLE", keyId, StringComparison.Ordinal)
            .Replace("myTrail", trail, StringComparison.Ordinal)
            .Replace("Alice", alice, StringComparison.Ordinal))!.AsObject();
        Assert.Matches("^AIDA[A-Z0-9]{17}$", (string?)record["userIdentity"]!["principalId"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", (string?)record["eventTime"]);
        Assert.True(Guid.TryParse((string?)record["eventID"], out _));
        Assert.False(string.IsNullOrEmpty((string?)record["requestID"]));
        Assert.Equal("127.0.0.1", (string?)record["sourceIPAddress"]);
        foreach (var perCall in new[] { "eventTime", "eventID", "requestID", "sourceIPAddress", "userAgent" })
        {
            record[perCall] = expected[perCall]!.DeepClone();
        }

        record["userIdentity"]!["principalId"] = expected["userIdentity"]!["principalId"]!.DeepClone();
        Assert.Equal(expected.Select(p => p.Key), record.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(expected, record), $"expected {expected.ToJsonString()}\nrecorded {record.ToJsonString()}");
    }
}
