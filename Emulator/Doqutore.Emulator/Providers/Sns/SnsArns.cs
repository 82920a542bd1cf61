namespace Doqutore.Emulator.Providers.Sns;

/// <summary>Topic and subscription ARNs: <c>arn:aws:sns:REGION:ACCOUNT:NAME</c>, a subscription adding <c>:UUID</c>.</summary>
internal static class SnsArns
{
    public static string Topic(string region, string account, string name) => $"arn:aws:sns:{region}:{account}:{name}";

    /// <summary>The region, account and topic name of a topic ARN (or of the topic in a subscription ARN), or null.</summary>
    public static (string Region, string Account, string Name)? ParseTopic(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:aws:sns:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = arn.Split(':');
        if (parts.Length is not (6 or 7) || parts[3].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0)
        {
            return null;
        }

        return (parts[3], parts[4], parts[5]);
    }

    /// <summary>The topic ARN a subscription ARN belongs to, or null when it is no subscription ARN.</summary>
    public static string? TopicOfSubscription(string? arn) =>
        arn is not null && arn.Split(':') is { Length: 7 } && ParseTopic(arn) is { } topic ? Topic(topic.Region, topic.Account, topic.Name) : null;

    /// <summary>The account, region and resource of any ARN (<c>arn:aws:sqs:us-east-1:000000000000:queue</c>), or null.</summary>
    public static (string Service, string Region, string Account, string Resource)? Parse(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[1].Length > 0 && parts[2].Length > 0 && parts[5].Length > 0
            ? (parts[2], parts[3], parts[4], parts[5])
            : null;
    }
}
