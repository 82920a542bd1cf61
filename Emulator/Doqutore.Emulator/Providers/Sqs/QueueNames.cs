using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// Queue names, URLs and ARNs. A queue URL is <c>{base URL the caller used}/{account}/{name}</c>, so it works from
/// wherever the caller stands; only its last two path segments identify the queue. The ARN is
/// <c>arn:aws:sqs:{region}:{account}:{name}</c>.
/// </summary>
internal static partial class QueueNames
{
    public const string FifoSuffix = ".fifo";

    public static string Url(string baseUrl, string accountId, string name) => $"{baseUrl}/{accountId}/{name}";

    public static string Arn(string region, string accountId, string name) => $"arn:aws:sqs:{region}:{accountId}:{name}";

    /// <summary>Checks a new queue's name: 1–80 of <c>[A-Za-z0-9_-]</c>, plus <c>.fifo</c> at the end of a FIFO queue's.</summary>
    public static void CheckNew(string name, bool fifo)
    {
        if (fifo)
        {
            if (!name.EndsWith(FifoSuffix, StringComparison.Ordinal) || name.Length > 80 || !NameRegex().IsMatch(name[..^FifoSuffix.Length]))
            {
                throw SqsErrors.InvalidParameterValue(
                    "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
            }

            return;
        }

        if (name.Length > 80 || !NameRegex().IsMatch(name))
        {
            throw SqsErrors.InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }
    }

    /// <summary>
    /// The account and queue name a queue URL addresses: <c>http://host/000000000000/name</c>, also without scheme and
    /// host. Anything else is AWS's <c>InvalidAddress</c>.
    /// </summary>
    public static (string AccountId, string Name) ParseUrl(string url)
    {
        var path = url;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = url.IndexOf('/', scheme + 3);
            path = slash < 0 ? string.Empty : url[slash..];
        }

        var query = path.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            path = path[..query];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !AccountRegex().IsMatch(segments[^2]) || segments[^1].Length is 0 or > 80)
        {
            throw SqsErrors.InvalidAddress(url);
        }

        return (segments[^2], Uri.UnescapeDataString(segments[^1]));
    }

    /// <summary>The region, account and name of a queue ARN, or null when it is not one.</summary>
    public static (string Region, string AccountId, string Name)? ParseArn(string arn)
    {
        var parts = arn.Split(':');
        return parts is ["arn", _, "sqs", { Length: > 0 } region, { } account, { Length: > 0 } name] && AccountRegex().IsMatch(account)
            ? (region, account, name)
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountRegex();
}
