namespace Doqutore.Aws.Client.Facades;

/// <summary>
/// The CloudTrail calls our code makes, typed. No official AWSSDK.CloudTrail package is served here, so
/// <see cref="CloudTrailApi"/> implements it over the spec-driven client; the interface lets the official
/// package replace it one day. Trails are named by name or ARN throughout, as the API accepts.
/// </summary>
public interface ICloudTrailApi
{
    Task<TrailStatus> GetTrailStatusAsync(string trailNameOrArn, CancellationToken cancellation = default);

    Task StartLoggingAsync(string trailNameOrArn, CancellationToken cancellation = default);

    Task StopLoggingAsync(string trailNameOrArn, CancellationToken cancellation = default);

    Task<IReadOnlyList<TrailSummary>> DescribeTrailsAsync(CancellationToken cancellation = default);

    Task<TrailConfiguration> GetTrailAsync(string trailNameOrArn, CancellationToken cancellation = default);

    Task<TrailConfiguration> CreateTrailAsync(TrailSettingsRequest request, CancellationToken cancellation = default);

    /// <summary>Changes the settings <paramref name="request"/> gives (null members stay as they are).</summary>
    Task<TrailConfiguration> UpdateTrailAsync(TrailSettingsRequest request, CancellationToken cancellation = default);

    Task<TrailEventSelectorSet> GetEventSelectorsAsync(string trailNameOrArn, CancellationToken cancellation = default);

    /// <summary>
    /// The event history, newest first, following NextToken until <paramref name="limit"/> events: at most one lookup
    /// attribute (<c>EventName</c>, <c>Username</c>, <c>ResourceName</c>…), times inclusive.
    /// </summary>
    Task<IReadOnlyList<TrailEvent>> LookupEventsAsync(string? attributeKey, string? attributeValue, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, int limit = 50, CancellationToken cancellation = default);

    /// <summary>Replaces the trail's selectors with <paramref name="selectors"/> (basic or advanced, not both).</summary>
    Task<TrailEventSelectorSet> PutEventSelectorsAsync(string trailNameOrArn, TrailEventSelectorSet selectors, CancellationToken cancellation = default);
}

/// <summary>What <c>GetTrailStatus</c> says of a trail (the fields responders read).</summary>
public sealed record TrailStatus(bool IsLogging, DateTimeOffset? LatestDeliveryTime, DateTimeOffset? StopLoggingTime, string? LatestDeliveryError)
{
    public DateTimeOffset? StartLoggingTime { get; init; }
}

/// <summary>An event of the history as <c>LookupEvents</c> returns it; <see cref="CloudTrailEvent"/> is the whole record as JSON text.</summary>
public sealed record TrailEvent(string EventId, string EventName, DateTimeOffset EventTime, string? EventSource, string? Username, bool ReadOnly, string CloudTrailEvent);

/// <summary>A trail as <c>DescribeTrails</c> lists it (the fields responders read).</summary>
public sealed record TrailSummary(string Name, string TrailArn, string? S3BucketName, bool IsMultiRegionTrail, bool LogFileValidationEnabled, string? HomeRegion);

/// <summary>A trail's whole configuration, as <c>GetTrail</c>, <c>CreateTrail</c> and <c>UpdateTrail</c> answer it.</summary>
public sealed record TrailConfiguration(string Name, string TrailArn, string? S3BucketName)
{
    public string? S3KeyPrefix { get; init; }

    public string? SnsTopicArn { get; init; }

    public bool IncludeGlobalServiceEvents { get; init; }

    public bool IsMultiRegionTrail { get; init; }

    public bool LogFileValidationEnabled { get; init; }

    public string? CloudWatchLogsLogGroupArn { get; init; }

    public string? CloudWatchLogsRoleArn { get; init; }

    public string? KmsKeyId { get; init; }

    /// <summary>Null in CreateTrail and UpdateTrail answers, which do not carry it.</summary>
    public string? HomeRegion { get; init; }

    public bool HasCustomEventSelectors { get; init; }
}

/// <summary>The settings of <c>CreateTrail</c> (name and bucket required) or <c>UpdateTrail</c> (null: unchanged).</summary>
public sealed record TrailSettingsRequest(string Name)
{
    public string? S3BucketName { get; init; }

    public string? S3KeyPrefix { get; init; }

    public string? SnsTopicName { get; init; }

    public bool? IncludeGlobalServiceEvents { get; init; }

    public bool? IsMultiRegionTrail { get; init; }

    public bool? EnableLogFileValidation { get; init; }

    public string? CloudWatchLogsLogGroupArn { get; init; }

    public string? CloudWatchLogsRoleArn { get; init; }

    public string? KmsKeyId { get; init; }

    /// <summary>Tags of a new trail (CreateTrail only).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>A trail's event selectors: <see cref="EventSelectors"/> or <see cref="AdvancedEventSelectors"/>.</summary>
public sealed record TrailEventSelectorSet(IReadOnlyList<TrailEventSelector>? EventSelectors, IReadOnlyList<TrailAdvancedEventSelector>? AdvancedEventSelectors);

/// <summary>A basic event selector (<c>ReadWriteType</c> is <c>ReadOnly</c>, <c>WriteOnly</c> or <c>All</c>).</summary>
public sealed record TrailEventSelector(string ReadWriteType, bool IncludeManagementEvents, IReadOnlyList<TrailDataResource> DataResources)
{
    public IReadOnlyList<string> ExcludeManagementEventSources { get; init; } = [];
}

/// <summary>A basic selector's data resource: a type (<c>AWS::S3::Object</c>…) and ARN prefixes.</summary>
public sealed record TrailDataResource(string Type, IReadOnlyList<string> Values);

/// <summary>An advanced event selector.</summary>
public sealed record TrailAdvancedEventSelector(string? Name, IReadOnlyList<TrailFieldSelector> FieldSelectors);

/// <summary>An advanced field selector; empty operator lists are left out on the wire.</summary>
public sealed record TrailFieldSelector(string Field)
{
    public IReadOnlyList<string> EqualsValues { get; init; } = [];

    public IReadOnlyList<string> StartsWith { get; init; } = [];

    public IReadOnlyList<string> EndsWith { get; init; } = [];

    public IReadOnlyList<string> NotEquals { get; init; } = [];

    public IReadOnlyList<string> NotStartsWith { get; init; } = [];

    public IReadOnlyList<string> NotEndsWith { get; init; } = [];
}
