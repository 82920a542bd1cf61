using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Global service events: calls to services without regions (IAM, STS's global endpoint, CloudFront, sign-in),
/// recorded in us-east-1 since 2021 and taken only by trails with <c>IncludeGlobalServiceEvents</c>.
/// </summary>
internal static class GlobalServiceEvents
{
    public const string Region = "us-east-1";

    private static readonly HashSet<string> Sources = new(StringComparer.Ordinal)
    {
        "iam.amazonaws.com",
        "sts.amazonaws.com",
        "cloudfront.amazonaws.com",
        "signin.amazonaws.com",
    };

    public static bool IsGlobal(CloudTrailRecord record) =>
        Sources.Contains(record.EventSource) && string.Equals(record.Region, Region, StringComparison.Ordinal);
}
