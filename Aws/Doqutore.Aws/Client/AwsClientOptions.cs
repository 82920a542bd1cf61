using Amazon.Runtime;

namespace Doqutore.Aws.Client;

/// <summary>
/// Where and as whom a spec-driven client calls. As with the AWS SDK: an explicit <see cref="ServiceUrl"/>
/// plus <see cref="AuthenticationRegion"/>; there is deliberately no region-to-endpoint resolution, so a
/// client meant for the emulator can never reach real AWS by accident.
/// </summary>
public sealed class AwsClientOptions
{
    /// <summary>The endpoint (<c>http://127.0.0.1:4566</c>, or a real service URL).</summary>
    public required Uri ServiceUrl { get; init; }

    /// <summary>The region in the SigV4 credential scope.</summary>
    public string AuthenticationRegion { get; init; } = "us-east-1";

    /// <summary>Credentials; null takes AWSSDK.Core's default chain (environment, profile, container, instance).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Retries after the first attempt, for throttling, 5xx answers and broken connections.</summary>
    public int MaxErrorRetry { get; init; } = 3;

    /// <summary>The first backoff; each retry doubles it (with full jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
