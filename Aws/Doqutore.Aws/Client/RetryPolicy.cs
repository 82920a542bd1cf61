using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Client;

/// <summary>
/// Which failures a client retries and how long it waits: throttling codes and 5xx answers, with
/// exponential backoff and full jitter, as the AWS SDKs' standard retry mode does.
/// </summary>
public static class RetryPolicy
{
    /// <summary>Throttling error codes across the embedded services.</summary>
    public static readonly IReadOnlySet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    public static bool IsRetryable(AwsServiceException error) =>
        error.StatusCode >= 500 || error.StatusCode == 429 || ThrottlingCodes.Contains(error.Code);

    /// <summary>The wait before retry number <paramref name="attempt"/> (1-based).</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan max)
    {
        var ceiling = Math.Min(max.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
