using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using static Doqutore.Aws.Client.Facades.FacadeJson;

namespace Doqutore.Aws.Client.Facades;

/// <summary><see cref="ICloudTrailApi"/> over the spec-driven client for <c>cloudtrail</c>.</summary>
public sealed class CloudTrailApi(AwsClient client) : ICloudTrailApi
{
    public async Task<TrailStatus> GetTrailStatusAsync(string trailNameOrArn, CancellationToken cancellation = default)
    {
        var output = await client.InvokeAsync("GetTrailStatus", Named(trailNameOrArn), cancellation).ConfigureAwait(false);
        return new TrailStatus(
            (bool?)output["IsLogging"] ?? false,
            Time(output["LatestDeliveryTime"]),
            Time(output["StopLoggingTime"]),
            (string?)output["LatestDeliveryError"])
        {
            StartLoggingTime = Time(output["StartLoggingTime"]),
        };
    }

    public Task StartLoggingAsync(string trailNameOrArn, CancellationToken cancellation = default) =>
        client.InvokeAsync("StartLogging", Named(trailNameOrArn), cancellation);

    public Task StopLoggingAsync(string trailNameOrArn, CancellationToken cancellation = default) =>
        client.InvokeAsync("StopLogging", Named(trailNameOrArn), cancellation);

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

    public async Task<TrailConfiguration> GetTrailAsync(string trailNameOrArn, CancellationToken cancellation = default)
    {
        var output = await client.InvokeAsync("GetTrail", Named(trailNameOrArn), cancellation).ConfigureAwait(false);
        return Configuration(output["Trail"] as JsonObject ?? []);
    }

    public async Task<TrailConfiguration> CreateTrailAsync(TrailSettingsRequest request, CancellationToken cancellation = default)
    {
        var input = Settings(request);
        if (request.Tags is { Count: > 0 } tags)
        {
            input["TagsList"] = new JsonArray(tags.Select(t => (JsonNode?)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }).ToArray());
        }

        return Configuration(await client.InvokeAsync("CreateTrail", input, cancellation).ConfigureAwait(false));
    }

    public async Task<TrailConfiguration> UpdateTrailAsync(TrailSettingsRequest request, CancellationToken cancellation = default) =>
        Configuration(await client.InvokeAsync("UpdateTrail", Settings(request), cancellation).ConfigureAwait(false));

    public async Task<TrailEventSelectorSet> GetEventSelectorsAsync(string trailNameOrArn, CancellationToken cancellation = default) =>
        Selectors(await client.InvokeAsync("GetEventSelectors", new JsonObject { ["TrailName"] = trailNameOrArn }, cancellation).ConfigureAwait(false));

    public async Task<IReadOnlyList<TrailEvent>> LookupEventsAsync(string? attributeKey, string? attributeValue, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int limit = 50, CancellationToken cancellation = default)
    {
        var events = new List<TrailEvent>();
        string? token = null;
        do
        {
            var input = new JsonObject { ["MaxResults"] = Math.Clamp(limit - events.Count, 1, 50) };
            if (attributeKey is not null)
            {
                input["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = attributeKey, ["AttributeValue"] = attributeValue });
            }

            Set(input, "StartTime", startTime);
            Set(input, "EndTime", endTime);
            Set(input, "NextToken", token);
            var output = await client.InvokeAsync("LookupEvents", input, cancellation).ConfigureAwait(false);
            events.AddRange((output["Events"] as JsonArray ?? []).Select(e => new TrailEvent(
                (string?)e!["EventId"] ?? string.Empty,
                (string?)e["EventName"] ?? string.Empty,
                Time(e["EventTime"]) ?? default,
                (string?)e["EventSource"],
                (string?)e["Username"],
                (string?)e["ReadOnly"] == "true",
                (string?)e["CloudTrailEvent"] ?? "{}")));
            token = (string?)output["NextToken"];
        }
        while (token is not null && events.Count < limit);

        return events;
    }

    public async Task<TrailEventSelectorSet> PutEventSelectorsAsync(string trailNameOrArn, TrailEventSelectorSet selectors, CancellationToken cancellation = default)
    {
        var input = new JsonObject { ["TrailName"] = trailNameOrArn };
        if (selectors.EventSelectors is { } basic)
        {
            input["EventSelectors"] = new JsonArray(basic.Select(s => (JsonNode?)new JsonObject
            {
                ["ReadWriteType"] = s.ReadWriteType,
                ["IncludeManagementEvents"] = s.IncludeManagementEvents,
                ["DataResources"] = new JsonArray(s.DataResources.Select(d => (JsonNode?)new JsonObject { ["Type"] = d.Type, ["Values"] = Strings(d.Values) }).ToArray()),
                ["ExcludeManagementEventSources"] = Strings(s.ExcludeManagementEventSources),
            }).ToArray());
        }

        if (selectors.AdvancedEventSelectors is { } advanced)
        {
            input["AdvancedEventSelectors"] = new JsonArray(advanced.Select(s =>
            {
                var selector = new JsonObject();
                if (s.Name is not null)
                {
                    selector["Name"] = s.Name;
                }

                selector["FieldSelectors"] = new JsonArray(s.FieldSelectors.Select(f => (JsonNode?)Field(f)).ToArray());
                return (JsonNode?)selector;
            }).ToArray());
        }

        return Selectors(await client.InvokeAsync("PutEventSelectors", input, cancellation).ConfigureAwait(false));
    }

    private static JsonObject Named(string trailNameOrArn) => new() { ["Name"] = trailNameOrArn };

    private static JsonObject Settings(TrailSettingsRequest request)
    {
        var input = new JsonObject { ["Name"] = request.Name };
        Set(input, "S3BucketName", request.S3BucketName);
        Set(input, "S3KeyPrefix", request.S3KeyPrefix);
        Set(input, "SnsTopicName", request.SnsTopicName);
        Set(input, "IncludeGlobalServiceEvents", request.IncludeGlobalServiceEvents);
        Set(input, "IsMultiRegionTrail", request.IsMultiRegionTrail);
        Set(input, "EnableLogFileValidation", request.EnableLogFileValidation);
        Set(input, "CloudWatchLogsLogGroupArn", request.CloudWatchLogsLogGroupArn);
        Set(input, "CloudWatchLogsRoleArn", request.CloudWatchLogsRoleArn);
        Set(input, "KmsKeyId", request.KmsKeyId);
        return input;
    }

    private static TrailConfiguration Configuration(JsonObject t) => new((string?)t["Name"] ?? string.Empty, (string?)t["TrailARN"] ?? string.Empty, (string?)t["S3BucketName"])
    {
        S3KeyPrefix = (string?)t["S3KeyPrefix"],
        SnsTopicArn = (string?)t["SnsTopicARN"],
        IncludeGlobalServiceEvents = (bool?)t["IncludeGlobalServiceEvents"] ?? false,
        IsMultiRegionTrail = (bool?)t["IsMultiRegionTrail"] ?? false,
        LogFileValidationEnabled = (bool?)t["LogFileValidationEnabled"] ?? false,
        CloudWatchLogsLogGroupArn = (string?)t["CloudWatchLogsLogGroupArn"],
        CloudWatchLogsRoleArn = (string?)t["CloudWatchLogsRoleArn"],
        KmsKeyId = (string?)t["KmsKeyId"],
        HomeRegion = (string?)t["HomeRegion"],
        HasCustomEventSelectors = (bool?)t["HasCustomEventSelectors"] ?? false,
    };

    private static TrailEventSelectorSet Selectors(JsonObject output) => new(
        (output["EventSelectors"] as JsonArray)?.Select(s => new TrailEventSelector(
            (string?)s!["ReadWriteType"] ?? "All",
            (bool?)s["IncludeManagementEvents"] ?? true,
            (s["DataResources"] as JsonArray ?? []).Select(d => new TrailDataResource((string?)d!["Type"] ?? string.Empty, List(d["Values"]))).ToArray())
        {
            ExcludeManagementEventSources = List(s["ExcludeManagementEventSources"]),
        }).ToArray(),
        (output["AdvancedEventSelectors"] as JsonArray)?.Select(s => new TrailAdvancedEventSelector(
            (string?)s!["Name"],
            (s["FieldSelectors"] as JsonArray ?? []).Select(f => new TrailFieldSelector((string?)f!["Field"] ?? string.Empty)
            {
                EqualsValues = List(f["Equals"]),
                StartsWith = List(f["StartsWith"]),
                EndsWith = List(f["EndsWith"]),
                NotEquals = List(f["NotEquals"]),
                NotStartsWith = List(f["NotStartsWith"]),
                NotEndsWith = List(f["NotEndsWith"]),
            }).ToArray())).ToArray());

    private static JsonObject Field(TrailFieldSelector f)
    {
        var field = new JsonObject { ["Field"] = f.Field };
        foreach (var (name, values) in new[]
        {
            ("Equals", f.EqualsValues), ("StartsWith", f.StartsWith), ("EndsWith", f.EndsWith),
            ("NotEquals", f.NotEquals), ("NotStartsWith", f.NotStartsWith), ("NotEndsWith", f.NotEndsWith),
        })
        {
            if (values.Count > 0)
            {
                field[name] = Strings(values);
            }
        }

        return field;
    }

    private static DateTimeOffset? Time(JsonNode? node) => node is null ? null : Timestamps.Read(node);
}
