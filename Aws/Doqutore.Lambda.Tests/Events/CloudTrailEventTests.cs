using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Recording;
using Doqutore.Lambda.Events;

namespace Doqutore.Lambda.Tests.Events;

public class CloudTrailEventTests
{
    public static TheoryData<string> Cases => PantherRecords.CaseNames();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_CloudTrail_event_reads_and_writes_back_every_member(string caseName)
    {
        Skip.IfNot(PantherEvents.Available, PantherEvents.SkipReason);
        var original = PantherRecords.AsEventBridgeEvent(caseName);

        var typed = JsonSerializer.Deserialize(original.ToJsonString(), LambdaEventsJsonContext.Default.EventBridgeEventCloudTrailDetail)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(typed, LambdaEventsJsonContext.Default.EventBridgeEventCloudTrailDetail))!;

        Assert.Equal(Canonical(WithoutNulls(original)), Canonical(WithoutNulls(written)));
    }

    [SkippableFact]
    public void StopLogging_by_an_assumed_role_reads_its_session_issuer()
    {
        Skip.IfNot(PantherEvents.Available, PantherEvents.SkipReason);
        var json = PantherRecords.AsEventBridgeEvent("AWS.CloudTrail.Stopped / CloudTrail Was Stopped").ToJsonString();

        var e = JsonSerializer.Deserialize(json, LambdaEventsJsonContext.Default.EventBridgeEventCloudTrailDetail)!;

        Assert.Equal("AWS API Call via CloudTrail", e.DetailType);
        Assert.Equal("aws.cloudtrail", e.Source);
        var detail = e.Detail;
        Assert.Equal("StopLogging", detail.EventName);
        Assert.Equal("cloudtrail.amazonaws.com", detail.EventSource);
        Assert.Equal(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), detail.EventTime);
        Assert.Equal("AssumedRole", detail.UserIdentity!.Type);
        Assert.Equal("arn:aws:iam::123456789012:role/tester", detail.UserIdentity.SessionContext!.SessionIssuer!.Arn);
        Assert.Equal("Role", detail.UserIdentity.SessionContext.SessionIssuer.Type);
        Assert.Equal("true", detail.UserIdentity.SessionContext.Attributes!.MfaAuthenticated);
        Assert.Equal(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), detail.UserIdentity.SessionContext.Attributes.CreationDate);
        Assert.Equal("arn:aws:cloudtrail:us-west-2:123456789012:trail/example-trail", detail.RequestParameters!.Value.GetProperty("name").GetString());
        Assert.Null(detail.ResponseElements);
        Assert.False(detail.ReadOnly);
        Assert.Equal("AwsApiCall", detail.EventType);
        Assert.Equal("123456789012", detail.RecipientAccountId);
    }

    [Fact]
    public void A_failed_call_reads_its_error_and_management_flags()
    {
        const string json = """
            {"version":"0","id":"1","detail-type":"AWS API Call via CloudTrail","source":"aws.iam","account":"000000000000",
             "time":"2026-12-08T05:00:00Z","region":"us-east-1","resources":[],
             "detail":{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::000000000000:user/mallory",
               "accountId":"000000000000","accessKeyId":"AKIAEXAMPLE","userName":"mallory"},
               "eventTime":"2026-12-08T05:00:00Z","eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy","awsRegion":"us-east-1",
               "sourceIPAddress":"127.0.0.1","userAgent":"aws-cli/2.0","errorCode":"AccessDenied",
               "errorMessage":"User: arn:aws:iam::000000000000:user/mallory is not authorized to perform: iam:AttachUserPolicy",
               "requestParameters":null,"responseElements":null,"requestID":"r1","eventID":"e1","readOnly":false,"eventType":"AwsApiCall",
               "managementEvent":true,"recipientAccountId":"000000000000","eventCategory":"Management",
               "tlsDetails":{"tlsVersion":"TLSv1.3"}}}
            """;

        var detail = JsonSerializer.Deserialize(json, LambdaEventsJsonContext.Default.EventBridgeEventCloudTrailDetail)!.Detail;

        Assert.Equal("AccessDenied", detail.ErrorCode);
        Assert.StartsWith("User: arn:aws:iam::000000000000:user/mallory is not authorized", detail.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("mallory", detail.UserIdentity!.UserName);
        Assert.Null(detail.UserIdentity.SessionContext);
        Assert.True(detail.ManagementEvent);
        Assert.Equal("Management", detail.EventCategory);
        Assert.Equal("TLSv1.3", detail.AdditionalProperties!["tlsDetails"].GetProperty("tlsVersion").GetString());
    }

    [Fact]
    public void A_time_that_is_not_ISO_8601_is_refused_with_the_value()
    {
        const string json = """{"eventTime":"2019-01-01 00:00:00","eventSource":"s3.amazonaws.com","eventName":"PutObject"}""";

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, LambdaEventsJsonContext.Default.CloudTrailDetail));

        Assert.Contains("2019-01-01 00:00:00", error.Message, StringComparison.Ordinal);
    }

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray a => new JsonArray(a.Select(WithoutNulls).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    // Property order is not part of the contract; sort keys so the comparison shows the first real difference.
    private static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
