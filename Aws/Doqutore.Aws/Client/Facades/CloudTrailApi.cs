using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Client.Facades;

/// <summary><see cref="ICloudTrailApi"/> over the spec-driven client for <c>cloudtrail</c>.</summary>
public sealed class CloudTrailApi(AwsClient client) : ICloudTrailApi
{
    public async Task<TrailStatus> GetTrailStatusAsync(string trailNameOrArn, CancellationToken cancellation = default)
    {
        var output = await client.InvokeAsync("GetTrailStatus", new JsonObject { ["Name"] = trailNameOrArn }, cancellation).ConfigureAwait(false);
        return new TrailStatus(
            (bool?)output["IsLogging"] ?? false,
            Time(output["LatestDeliveryTime"]),
            Time(output["StopLoggingTime"]),
            (string?)output["LatestDeliveryError"]);
    }

    public Task StartLoggingAsync(string trailNameOrArn, CancellationToken cancellation = default) =>
        client.InvokeAsync("StartLogging", new JsonObject { ["Name"] = trailNameOrArn }, cancellation);

    public async Task<IReadOnlyList<TrailSummary>> DescribeTrailsAsync(CancellationToken cancellation = default)
    {
        var output = await client.InvokeAsync("DescribeTrails", new JsonObject { ["includeShadowTrails"] = false }, cancellation).ConfigureAwait(false);
        return (output["trailList"] as JsonArray ?? []).Select(t => new TrailSummary(
            (string)t!["Name"]!,
            (string)t["TrailARN"]!,
            (string?)t["S3BucketName"],
            (bool?)t["IsMultiRegionTrail"] ?? false,
            (bool?)t["LogFileValidationEnabled"] ?? false,
            (string?)t["HomeRegion"])).ToArray();
    }

    private static DateTimeOffset? Time(JsonNode? node) => node is null ? null : Timestamps.Read(node);
}
