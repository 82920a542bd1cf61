using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Emulator.Core;

/// <summary>
/// Everything the gateway knows about one AWS request as it moves through the handler chain; providers
/// read the caller, account, region and base URL from it.
/// </summary>
public sealed class RequestContext
{
    public RequestContext(WireRequest request, string requestId, DateTimeOffset receivedAt)
    {
        Request = request;
        RequestId = requestId;
        ReceivedAt = receivedAt;
    }

    public WireRequest Request { get; }

    public string RequestId { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The model the request was routed to (null until routed, or for an unknown service).</summary>
    public ServiceModel? Service { get; set; }

    public Operation? Operation { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>The caller; anonymous until authenticated.</summary>
    public Principal Principal { get; set; } = Principal.Anonymous("000000000000");

    /// <summary>True once the caller's signature was verified (or the call was admitted anonymously).</summary>
    public bool Authenticated { get; set; }

    /// <summary>The owner of the access key a request failed to authenticate with, when the key exists (CloudTrail attributes the attempt to it).</summary>
    public Principal? ClaimedPrincipal { get; set; }

    /// <summary>The resource ARNs the request was authorized on (set by the authorizer; CloudTrail reuses them).</summary>
    public IReadOnlyList<string>? ResourceArns { get; set; }

    /// <summary>The account whose resources the request addresses (the caller's, in a single-account emulator).</summary>
    public string AccountId => Principal.AccountId;

    public OperationData? Input { get; set; }

    public OperationData? Output { get; set; }

    public AwsServiceException? Error { get; set; }

    /// <summary>The caller's source address, as CloudTrail's <c>sourceIPAddress</c> and <c>aws:SourceIp</c>.</summary>
    public string SourceIp { get; set; } = "127.0.0.1";

    /// <summary>The service that made this call for the principal (<c>cloudformation.amazonaws.com</c>), CloudTrail's <c>userIdentity.invokedBy</c>; null for direct calls.</summary>
    public string? InvokedBy { get; set; }

    /// <summary>Cancelled when the caller goes away: long-running operations (SQS long polls) stop waiting.</summary>
    public CancellationToken Aborted { get; init; }

    public string? UserAgent => Request.Headers["User-Agent"];

    /// <summary>The path as the caller signed it, before an S3 virtual host moved the bucket into it.</summary>
    public string SignedRawPath { get; set; } = "/";

    /// <summary>
    /// The base URL the caller used (<c>http://127.0.0.1:4566</c>): URLs the emulator hands out (queue URLs,
    /// locations) are built from it so they work from wherever the caller stands.
    /// </summary>
    public string BaseUrl => $"{Request.Scheme}://{Request.Host}";
}
