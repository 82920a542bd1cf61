using System.Text.Json;
using System.Text.Json.Serialization;

namespace Doqutore.Lambda.Events;

/// <summary>
/// A CloudTrail record, as the <c>detail</c> of an <c>AWS API Call via CloudTrail</c> event (and as each element of a
/// log file's <c>Records</c>). Field names are CloudTrail's; members not modeled here are kept in
/// <see cref="AdditionalProperties"/>, so nothing of the record is lost.
/// </summary>
public sealed record CloudTrailDetail
{
    [JsonPropertyName("eventVersion")]
    public string? EventVersion { get; init; }

    [JsonPropertyName("userIdentity")]
    public CloudTrailUserIdentity? UserIdentity { get; init; }

    [JsonPropertyName("eventTime")]
    [JsonConverter(typeof(AwsTimestampConverter))]
    public DateTimeOffset EventTime { get; init; }

    /// <summary>The service's endpoint name, e.g. <c>cloudtrail.amazonaws.com</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string EventSource { get; set; } = string.Empty;

    /// <summary>The API action, e.g. <c>StopLogging</c>.</summary>
    [JsonPropertyName("eventName")]
    public string EventName { get; set; } = string.Empty;

    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }

    /// <summary>The caller's IP address, or the service name (<c>lambda.amazonaws.com</c>) for calls a service made.</summary>
    [JsonPropertyName("sourceIPAddress")]
    public string? SourceIPAddress { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary>The request's parameters as the service recorded them (shape varies by operation), or null.</summary>
    [JsonPropertyName("requestParameters")]
    public JsonElement? RequestParameters { get; init; }

    /// <summary>The response of a write call, or null (reads and failures).</summary>
    [JsonPropertyName("responseElements")]
    public JsonElement? ResponseElements { get; init; }

    [JsonPropertyName("additionalEventData")]
    public JsonElement? AdditionalEventData { get; init; }

    /// <summary>The error code of a failed call (<c>AccessDenied</c>, <c>TrailNotFoundException</c>…), or null.</summary>
    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("requestID")]
    public string? RequestId { get; init; }

    [JsonPropertyName("eventID")]
    public string? EventId { get; init; }

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; init; }

    /// <summary>Resources the call touched (data events and some management events).</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<CloudTrailResource>? Resources { get; init; }

    /// <summary><c>AwsApiCall</c>, <c>AwsServiceEvent</c>, <c>AwsConsoleSignIn</c>, <c>AwsConsoleAction</c>…</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    [JsonPropertyName("managementEvent")]
    public bool? ManagementEvent { get; init; }

    [JsonPropertyName("recipientAccountId")]
    public string? RecipientAccountId { get; init; }

    /// <summary><c>Management</c>, <c>Data</c> or <c>Insight</c>.</summary>
    [JsonPropertyName("eventCategory")]
    public string? EventCategory { get; init; }

    [JsonPropertyName("sharedEventID")]
    public string? SharedEventId { get; init; }

    [JsonPropertyName("vpcEndpointId")]
    public string? VpcEndpointId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>
/// Who made the call: <c>type</c> is <c>Root</c>, <c>IAMUser</c>, <c>AssumedRole</c>, <c>FederatedUser</c>,
/// <c>AWSAccount</c>, <c>AWSService</c>, <c>IdentityCenterUser</c>, <c>Unknown</c>…
/// </summary>
public sealed record CloudTrailUserIdentity
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("principalId")]
    public string? PrincipalId { get; init; }

    [JsonPropertyName("arn")]
    public string? Arn { get; init; }

    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("accessKeyId")]
    public string? AccessKeyId { get; init; }

    /// <summary>The IAM user's name (for <c>IAMUser</c> and some <c>Root</c> records).</summary>
    [JsonPropertyName("userName")]
    public string? UserName { get; init; }

    /// <summary>The service that made the call on the caller's behalf (<c>AWSService</c>, or with <c>invokedBy</c> set).</summary>
    [JsonPropertyName("invokedBy")]
    public string? InvokedBy { get; init; }

    /// <summary>Present for temporary credentials: the session's issuer and attributes.</summary>
    [JsonPropertyName("sessionContext")]
    public CloudTrailSessionContext? SessionContext { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The session behind temporary credentials.</summary>
public sealed record CloudTrailSessionContext
{
    /// <summary>The role or user whose credentials issued the session (absent for root and federated sessions without one).</summary>
    [JsonPropertyName("sessionIssuer")]
    public CloudTrailSessionIssuer? SessionIssuer { get; init; }

    [JsonPropertyName("webIdFederationData")]
    public JsonElement? WebIdFederationData { get; init; }

    [JsonPropertyName("attributes")]
    public CloudTrailSessionAttributes? Attributes { get; init; }

    [JsonPropertyName("sourceIdentity")]
    public string? SourceIdentity { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The issuer of a session: for an assumed role, the role (<c>type</c> <c>Role</c>, <c>userName</c> its name).</summary>
public sealed record CloudTrailSessionIssuer
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("principalId")]
    public string? PrincipalId { get; init; }

    [JsonPropertyName("arn")]
    public string? Arn { get; init; }

    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("userName")]
    public string? UserName { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>When the session's credentials were issued and whether MFA authenticated them (CloudTrail writes it as the string <c>"true"</c>/<c>"false"</c>).</summary>
public sealed record CloudTrailSessionAttributes
{
    [JsonPropertyName("creationDate")]
    [JsonConverter(typeof(AwsTimestampConverter))]
    public DateTimeOffset? CreationDate { get; init; }

    [JsonPropertyName("mfaAuthenticated")]
    public string? MfaAuthenticated { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A resource of the record (<c>ARN</c>, <c>accountId</c>, <c>type</c> such as <c>AWS::S3::Object</c>).</summary>
public sealed record CloudTrailResource
{
    [JsonPropertyName("ARN")]
    public string? Arn { get; init; }

    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
