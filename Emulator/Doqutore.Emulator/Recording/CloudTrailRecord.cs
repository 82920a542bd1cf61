using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Recording;

/// <summary>CloudTrail's <c>eventCategory</c>.</summary>
public enum CloudTrailEventCategory
{
    Management,
    Data,
}

/// <summary>
/// One call as CloudTrail records it: <see cref="Record"/> is the record exactly as AWS writes it (eventVersion
/// 1.10), the other members are the facts trails, selectors and <c>LookupEvents</c> need, read once.
/// </summary>
/// <param name="Record">The record (userIdentity, eventTime, …, recipientAccountId, eventCategory).</param>
public sealed record CloudTrailRecord(JsonObject Record)
{
    /// <summary>The account the record belongs to (<c>recipientAccountId</c>).</summary>
    public required string AccountId { get; init; }

    /// <summary>The region the event is recorded in (<c>awsRegion</c>: us-east-1 for IAM).</summary>
    public required string Region { get; init; }

    public required string EventSource { get; init; }

    public required string EventName { get; init; }

    public required string EventId { get; init; }

    /// <summary>The request id of the call: CloudTrail's <c>requestID</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary>When the request arrived: trails logging at that moment take the record (so a StopLogging call is itself delivered).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the request completed: <c>eventTime</c>.</summary>
    public required DateTimeOffset EventTime { get; init; }

    public required bool ReadOnly { get; init; }

    public required CloudTrailEventCategory Category { get; init; }

    /// <summary>The user or role name <c>LookupEvents</c> reports (<c>root</c> for root), if any.</summary>
    public string? Username { get; init; }

    public string? AccessKeyId { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>The event's <c>source</c> on EventBridge (<c>aws.cloudtrail</c>; <c>aws.cloudwatch</c> for monitoring).</summary>
    public string EventBridgeSource { get; init; } = string.Empty;

    /// <summary>
    /// A read-only management event (Get*, List*, Describe*, except GetSessionToken and GetFederationToken) that
    /// EventBridge gives only to rules in state <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c>.
    /// </summary>
    public bool NeedsReadOnlyOptIn { get; init; }

    /// <summary>The resources the call named (<c>resources</c>), typed <c>AWS::Service::Type</c>.</summary>
    public IReadOnlyList<CloudTrailResource> Resources { get; init; } = [];
}

/// <summary>A resource a record names.</summary>
/// <param name="Type">The type, e.g. <c>AWS::CloudTrail::Trail</c> or <c>AWS::S3::Object</c>.</param>
/// <param name="Arn">The resource ARN.</param>
/// <param name="Name">The name LookupEvents reports as ResourceName (the ARN or the plain name, as AWS does).</param>
public sealed record CloudTrailResource(string Type, string Arn, string Name);
