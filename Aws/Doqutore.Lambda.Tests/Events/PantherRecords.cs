using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.IntegrationTests.Recording;

namespace Doqutore.Lambda.Tests.Events;

/// <summary>
/// The CloudTrail records of Panther's detection tests (<see cref="PantherEvents"/>) that are in CloudTrail's own
/// form: camelCase fields and ISO 8601 <c>eventTime</c> (Panther normalized some cases to <c>2019-01-01 00:00:00</c>
/// or lower-case keys, which CloudTrail never writes).
/// </summary>
internal static partial class PantherRecords
{
    public static TheoryData<string> CaseNames() => PantherEvents.CaseNames(InCloudTrailForm);

    /// <summary>The record inside the envelope EventBridge gives it for a rule's target.</summary>
    public static JsonObject AsEventBridgeEvent(string caseName)
    {
        var record = PantherEvents.Event(caseName);
        return new()
        {
            ["version"] = "0",
            ["id"] = "6f8d3a5e-36a2-4d1a-9c7e-0e4d2f4f5b11",
            ["detail-type"] = "AWS API Call via CloudTrail",
            ["source"] = "aws." + ((string?)record["eventSource"] ?? "unknown").Split('.')[0],
            ["account"] = (string?)record["recipientAccountId"] ?? "123456789012",
            ["time"] = (string?)record["eventTime"],
            ["region"] = (string?)record["awsRegion"] ?? "us-east-1",
            ["resources"] = new JsonArray(),
            ["detail"] = record.DeepClone(),
        };
    }

    private static bool InCloudTrailForm(JsonObject record) =>
        (string?)record["eventTime"] is { } time && CloudTrailTime().IsMatch(time) && record["eventName"] is not null;

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")]
    private static partial Regex CloudTrailTime();
}
