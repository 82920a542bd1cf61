namespace Doqutore.Aws.Client.Facades;

/// <summary>
/// The CloudTrail calls our code makes, typed. No official AWSSDK.CloudTrail package is served here, so
/// <see cref="CloudTrailApi"/> implements it over the spec-driven client; the interface lets the official
/// package replace it one day.
/// </summary>
public interface ICloudTrailApi
{
    Task<TrailStatus> GetTrailStatusAsync(string trailNameOrArn, CancellationToken cancellation = default);

    Task StartLoggingAsync(string trailNameOrArn, CancellationToken cancellation = default);

    Task<IReadOnlyList<TrailSummary>> DescribeTrailsAsync(CancellationToken cancellation = default);
}

/// <summary>What <c>GetTrailStatus</c> says of a trail (the fields responders read).</summary>
public sealed record TrailStatus(bool IsLogging, DateTimeOffset? LatestDeliveryTime, DateTimeOffset? StopLoggingTime, string? LatestDeliveryError);

/// <summary>A trail as <c>DescribeTrails</c> lists it (the fields responders read).</summary>
public sealed record TrailSummary(string Name, string TrailArn, string? S3BucketName, bool IsMultiRegionTrail, bool LogFileValidationEnabled, string? HomeRegion);
