namespace Doqutore.Aws.Signing;

/// <summary>
/// A refused request: the kind, and the facts AWS puts in its error (the calculated canonical request and
/// string to sign on a signature mismatch, the times on a skew).
/// </summary>
public sealed record SigV4Failure(SigV4FailureKind Kind)
{
    /// <summary>A specific explanation (which parameter is missing, the bad scope value), or null.</summary>
    public string? Detail { get; init; }

    /// <summary>Whether the request used the presigned (query) form.</summary>
    public bool Presigned { get; init; }

    public string? AccessKeyId { get; init; }

    /// <summary>The raw Authorization header, quoted back by some errors.</summary>
    public string? Authorization { get; init; }

    public string? CanonicalRequest { get; init; }

    public string? StringToSign { get; init; }

    public string? SignatureProvided { get; init; }

    /// <summary>The request time (X-Amz-Date or Date).</summary>
    public DateTimeOffset? RequestTime { get; init; }

    /// <summary>The server clock when the request was verified.</summary>
    public DateTimeOffset? ServerTime { get; init; }

    /// <summary>For presigned requests: X-Amz-Expires in seconds.</summary>
    public long? ExpiresSeconds { get; init; }

    /// <summary>The declared <c>x-amz-content-sha256</c> (payload mismatch).</summary>
    public string? ClientPayloadHash { get; init; }

    /// <summary>The body's actual SHA-256 (payload mismatch).</summary>
    public string? ServerPayloadHash { get; init; }

    public override string ToString() => Detail is null ? Kind.ToString() : $"{Kind}: {Detail}";
}
