namespace Doqutore.Aws.Client.Facades;

/// <summary>
/// The Lambda calls our code makes, typed. No official AWSSDK.Lambda package is served here, so
/// <see cref="LambdaApi"/> implements it over the spec-driven client (rest-json); the interface lets the official
/// package replace it one day. Functions are named by name, ARN or partial ARN throughout, as the API accepts.
/// </summary>
public interface ILambdaApi
{
    /// <summary>Creates a function from a zip (inline or in S3); answers its configuration (state <c>Pending</c> or <c>Active</c>).</summary>
    Task<LambdaFunctionConfiguration> CreateFunctionAsync(LambdaCreateFunctionRequest request, CancellationToken cancellation = default);

    /// <summary>Replaces the function's code with <paramref name="code"/>.</summary>
    Task<LambdaFunctionConfiguration> UpdateFunctionCodeAsync(string functionName, LambdaFunctionCode code, bool publish = false, CancellationToken cancellation = default);

    /// <summary>Changes the settings <paramref name="request"/> gives (null members stay as they are).</summary>
    Task<LambdaFunctionConfiguration> UpdateFunctionConfigurationAsync(LambdaUpdateFunctionConfigurationRequest request, CancellationToken cancellation = default);

    Task<LambdaFunctionDetails> GetFunctionAsync(string functionName, string? qualifier = null, CancellationToken cancellation = default);

    /// <summary>Every function of the region, following <c>NextMarker</c>.</summary>
    Task<IReadOnlyList<LambdaFunctionConfiguration>> ListFunctionsAsync(CancellationToken cancellation = default);

    Task DeleteFunctionAsync(string functionName, string? qualifier = null, CancellationToken cancellation = default);

    /// <summary>Adds a statement to the function's resource policy; answers the statement as JSON text.</summary>
    Task<string> AddPermissionAsync(LambdaPermissionRequest request, CancellationToken cancellation = default);

    Task RemovePermissionAsync(string functionName, string statementId, string? qualifier = null, CancellationToken cancellation = default);

    /// <summary>The function's resource policy (JSON text) and its revision.</summary>
    Task<LambdaFunctionPolicy> GetPolicyAsync(string functionName, string? qualifier = null, CancellationToken cancellation = default);

    /// <summary>
    /// Invokes the function. A function error is not an exception: it comes back as <see cref="LambdaInvokeResult.FunctionError"/>
    /// (<c>Unhandled</c>) with the error document as payload, as the API answers it.
    /// </summary>
    Task<LambdaInvokeResult> InvokeAsync(LambdaInvokeRequest request, CancellationToken cancellation = default);

    /// <summary>Reserves concurrency for the function (0 stops it from being invoked); answers the reserved value.</summary>
    Task<int> PutFunctionConcurrencyAsync(string functionName, int reservedConcurrentExecutions, CancellationToken cancellation = default);

    /// <summary>Sets the retries, event age and destinations of asynchronous invocation.</summary>
    Task<LambdaEventInvokeConfig> PutFunctionEventInvokeConfigAsync(LambdaEventInvokeConfigRequest request, CancellationToken cancellation = default);
}

/// <summary>How Invoke runs: <c>RequestResponse</c> (sync, 200), <c>Event</c> (queued, 202), <c>DryRun</c> (checks only, 204).</summary>
public enum LambdaInvocationType
{
    RequestResponse,
    Event,
    DryRun,
}

/// <summary>A deployment package: an inline zip, or an object in S3.</summary>
public sealed record LambdaFunctionCode
{
    public ReadOnlyMemory<byte>? ZipFile { get; init; }

    public string? S3Bucket { get; init; }

    public string? S3Key { get; init; }

    public string? S3ObjectVersion { get; init; }

    public static LambdaFunctionCode FromZip(ReadOnlyMemory<byte> zip) => new() { ZipFile = zip };

    public static LambdaFunctionCode FromS3(string bucket, string key, string? version = null) => new() { S3Bucket = bucket, S3Key = key, S3ObjectVersion = version };
}

/// <summary>CreateFunction's settings; <see cref="Runtime"/> defaults to <c>provided.al2023</c>, where our functions run.</summary>
public sealed record LambdaCreateFunctionRequest(string FunctionName, string Role, LambdaFunctionCode Code)
{
    public string? Runtime { get; init; } = "provided.al2023";

    /// <summary>Ignored by a bootstrap that carries its handler, but required by the console and kept in the configuration.</summary>
    public string? Handler { get; init; } = "bootstrap";

    public string? Description { get; init; }

    /// <summary>Seconds, 1–900 (AWS's default 3).</summary>
    public int? Timeout { get; init; }

    /// <summary>MB, 128–10240 (AWS's default 128).</summary>
    public int? MemorySize { get; init; }

    public bool? Publish { get; init; }

    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The SQS queue or SNS topic ARN that receives failed asynchronous events.</summary>
    public string? DeadLetterTargetArn { get; init; }

    /// <summary><c>x86_64</c> or <c>arm64</c>; our bootstraps are linux-x64.</summary>
    public IReadOnlyList<string>? Architectures { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>UpdateFunctionConfiguration's settings (null: unchanged).</summary>
public sealed record LambdaUpdateFunctionConfigurationRequest(string FunctionName)
{
    public string? Role { get; init; }

    public string? Handler { get; init; }

    public string? Runtime { get; init; }

    public string? Description { get; init; }

    public int? Timeout { get; init; }

    public int? MemorySize { get; init; }

    /// <summary>Replaces the whole environment (an empty map clears it).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>An ARN, or an empty string to remove the dead-letter queue.</summary>
    public string? DeadLetterTargetArn { get; init; }

    /// <summary>Only update if the function is still at this revision.</summary>
    public string? RevisionId { get; init; }
}

/// <summary>A function's configuration as CreateFunction, UpdateFunction*, GetFunction and ListFunctions answer it.</summary>
public sealed record LambdaFunctionConfiguration(string FunctionName, string FunctionArn)
{
    public string? Runtime { get; init; }

    public string? Role { get; init; }

    public string? Handler { get; init; }

    public long CodeSize { get; init; }

    /// <summary>The base64 SHA-256 of the deployment package.</summary>
    public string? CodeSha256 { get; init; }

    public string? Description { get; init; }

    public int? Timeout { get; init; }

    public int? MemorySize { get; init; }

    /// <summary>As the API writes it, e.g. <c>2026-12-08T05:00:00.000+0000</c>.</summary>
    public string? LastModified { get; init; }

    public string? Version { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? DeadLetterTargetArn { get; init; }

    public string? RevisionId { get; init; }

    /// <summary><c>Pending</c>, <c>Active</c>, <c>Inactive</c> or <c>Failed</c>.</summary>
    public string? State { get; init; }

    public string? StateReason { get; init; }

    public string? StateReasonCode { get; init; }

    /// <summary><c>InProgress</c>, <c>Successful</c> or <c>Failed</c>.</summary>
    public string? LastUpdateStatus { get; init; }

    public string? PackageType { get; init; }

    public IReadOnlyList<string> Architectures { get; init; } = [];
}

/// <summary>What GetFunction answers beside the configuration.</summary>
public sealed record LambdaFunctionDetails(LambdaFunctionConfiguration Configuration)
{
    /// <summary>A presigned URL of the deployment package.</summary>
    public string? CodeLocation { get; init; }

    public string? CodeRepositoryType { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The reserved concurrency, or null when none is set.</summary>
    public int? ReservedConcurrentExecutions { get; init; }
}

/// <summary>AddPermission's statement: who (<see cref="Principal"/>: an account, or a service such as <c>events.amazonaws.com</c>) may do what.</summary>
public sealed record LambdaPermissionRequest(string FunctionName, string StatementId, string Action, string Principal)
{
    public string? SourceArn { get; init; }

    public string? SourceAccount { get; init; }

    public string? PrincipalOrgId { get; init; }

    public string? EventSourceToken { get; init; }

    public string? Qualifier { get; init; }

    public string? RevisionId { get; init; }
}

/// <summary>A function's resource policy: the JSON document as text, and its revision.</summary>
public sealed record LambdaFunctionPolicy(string Policy, string? RevisionId);

/// <summary>An Invoke call. <see cref="Payload"/> is the event's JSON (AWS's limits: 6 MB sync, 256 KB async).</summary>
public sealed record LambdaInvokeRequest(string FunctionName)
{
    public ReadOnlyMemory<byte> Payload { get; init; }

    public LambdaInvocationType InvocationType { get; init; } = LambdaInvocationType.RequestResponse;

    /// <summary>Asks for the last 4 KB of the invocation's log in <see cref="LambdaInvokeResult.LogResult"/> (sync only).</summary>
    public bool TailLog { get; init; }

    public string? Qualifier { get; init; }

    /// <summary>Base64 JSON for the mobile SDK's client context (up to 3,583 bytes).</summary>
    public string? ClientContext { get; init; }

    /// <summary>A request for <paramref name="functionName"/> carrying <paramref name="json"/> as UTF-8.</summary>
    public static LambdaInvokeRequest WithJson(string functionName, string json) => new(functionName) { Payload = System.Text.Encoding.UTF8.GetBytes(json) };
}

/// <summary>Invoke's answer: the status (200, 202, 204), the payload, and <see cref="FunctionError"/> when the function failed.</summary>
public sealed record LambdaInvokeResult(int StatusCode, ReadOnlyMemory<byte> Payload)
{
    /// <summary><c>Unhandled</c> (or <c>Handled</c>) when the function failed; the payload is then its error document.</summary>
    public string? FunctionError { get; init; }

    /// <summary>The tail of the log, decoded from the base64 <c>X-Amz-Log-Result</c> header, or null.</summary>
    public string? LogResult { get; init; }

    public string? ExecutedVersion { get; init; }

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>PutFunctionEventInvokeConfig's settings: retries (0–2), event age (60–21600 s), destinations by ARN.</summary>
public sealed record LambdaEventInvokeConfigRequest(string FunctionName)
{
    public string? Qualifier { get; init; }

    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    public string? OnSuccessDestination { get; init; }

    public string? OnFailureDestination { get; init; }
}

/// <summary>A function's asynchronous invocation settings as the API answers them.</summary>
public sealed record LambdaEventInvokeConfig(string FunctionArn)
{
    public DateTimeOffset? LastModified { get; init; }

    public int? MaximumRetryAttempts { get; init; }

    public int? MaximumEventAgeInSeconds { get; init; }

    public string? OnSuccessDestination { get; init; }

    public string? OnFailureDestination { get; init; }
}
