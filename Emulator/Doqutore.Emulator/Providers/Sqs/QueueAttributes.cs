using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// The queue attributes: which exist, which a caller may set (and on which queue type), their defaults, ranges and
/// normalized values. Values are kept as the strings SQS answers with. Unknown or read-only names are
/// <c>InvalidAttributeName</c>, bad values <c>InvalidAttributeValue</c>, both with AWS's wording.
/// </summary>
internal static class QueueAttributes
{
    public const string DelaySeconds = "DelaySeconds";
    public const string MaximumMessageSize = "MaximumMessageSize";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string Policy = "Policy";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string RedriveAllowPolicy = "RedriveAllowPolicy";
    public const string KmsMasterKeyId = "KmsMasterKeyId";
    public const string KmsDataKeyReusePeriodSeconds = "KmsDataKeyReusePeriodSeconds";
    public const string SqsManagedSseEnabled = "SqsManagedSseEnabled";
    public const string FifoQueue = "FifoQueue";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";
    public const string DeduplicationScope = "DeduplicationScope";
    public const string FifoThroughputLimit = "FifoThroughputLimit";

    /// <summary>Computed attributes: readable, never settable.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp",
        "LastModifiedTimestamp",
        "QueueArn",
    };

    private static readonly IReadOnlySet<string> FifoOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        FifoQueue, ContentBasedDeduplication, DeduplicationScope, FifoThroughputLimit,
    };

    private static readonly IReadOnlyDictionary<string, (long Min, long Max)> IntegerRanges = new Dictionary<string, (long, long)>(StringComparer.Ordinal)
    {
        [DelaySeconds] = (0, 900),
        [MaximumMessageSize] = (1024, 262_144),
        [MessageRetentionPeriod] = (60, 1_209_600),
        [ReceiveMessageWaitTimeSeconds] = (0, 20),
        [VisibilityTimeout] = (0, 43_200),
        [KmsDataKeyReusePeriodSeconds] = (60, 86_400),
    };

    private static readonly IReadOnlySet<string> Booleans = new HashSet<string>(StringComparer.Ordinal)
    {
        SqsManagedSseEnabled, FifoQueue, ContentBasedDeduplication,
    };

    /// <summary>Every settable name, in the order GetQueueAttributes lists them.</summary>
    public static readonly IReadOnlyList<string> Settable =
    [
        Policy, VisibilityTimeout, MaximumMessageSize, MessageRetentionPeriod, DelaySeconds, ReceiveMessageWaitTimeSeconds,
        RedrivePolicy, RedriveAllowPolicy, KmsMasterKeyId, KmsDataKeyReusePeriodSeconds, SqsManagedSseEnabled,
        FifoQueue, ContentBasedDeduplication, DeduplicationScope, FifoThroughputLimit,
    ];

    /// <summary>A new queue's attributes before the caller's: AWS's defaults.</summary>
    public static Dictionary<string, string> Defaults(bool fifo)
    {
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [VisibilityTimeout] = "30",
            [MaximumMessageSize] = "262144",
            [MessageRetentionPeriod] = "345600",
            [DelaySeconds] = "0",
            [ReceiveMessageWaitTimeSeconds] = "0",
            [SqsManagedSseEnabled] = "true",
        };
        if (fifo)
        {
            defaults[FifoQueue] = "true";
            defaults[ContentBasedDeduplication] = "false";
            defaults[DeduplicationScope] = "queue";
            defaults[FifoThroughputLimit] = "perQueue";
        }

        return defaults;
    }

    /// <summary>Whether <paramref name="name"/> names an attribute GetQueueAttributes knows.</summary>
    public static bool IsKnown(string name) => Settable.Contains(name) || ReadOnly.Contains(name);

    /// <summary>
    /// Validates one attribute a caller sets and returns its normalized value; an empty string clears the optional
    /// JSON and KMS attributes. <paramref name="creating"/> allows <c>FifoQueue</c>, which no queue may change later.
    /// </summary>
    public static string Normalize(string name, string value, bool fifo, bool creating)
    {
        if (!Settable.Contains(name) || (FifoOnly.Contains(name) && !fifo && !(creating && name == FifoQueue)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        if (name == FifoQueue && !creating)
        {
            throw SqsErrors.InvalidAttributeValue(name, "Modifying queue type is not supported.");
        }

        if (IntegerRanges.TryGetValue(name, out var range))
        {
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= range.Min && number <= range.Max
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw SqsErrors.InvalidAttributeValue(name);
        }

        if (Booleans.Contains(name))
        {
            return bool.TryParse(value, out var flag) ? (flag ? "true" : "false") : throw SqsErrors.InvalidAttributeValue(name);
        }

        return name switch
        {
            DeduplicationScope => value is "messageGroup" or "queue" ? value : throw SqsErrors.InvalidAttributeValue(name),
            FifoThroughputLimit => value is "perQueue" or "perMessageGroupId" ? value : throw SqsErrors.InvalidAttributeValue(name),
            Policy or RedriveAllowPolicy => value.Length == 0 || IsJsonObject(value) ? value : throw SqsErrors.InvalidAttributeValue(name),
            _ => value,
        };
    }

    /// <summary>Reads a whole number attribute of a queue.</summary>
    public static int Int(IReadOnlyDictionary<string, string> attributes, string name) =>
        int.Parse(attributes[name], CultureInfo.InvariantCulture);

    public static bool IsJsonObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
