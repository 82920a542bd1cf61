using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Publish and PublishBatch: AWS's validation (target, subject, message structure, attributes, 256 KiB), then
/// fan-out to the subscriptions; deliveries happen in the background, so both answer at once.
/// </summary>
internal sealed partial class SnsProvider
{
    /// <summary>SNS quota: a message with its attributes, and a whole batch, at most 256 KiB.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    private const int MaxBatchEntries = 10;

    public JsonObject Publish(RequestContext context, JsonObject input)
    {
        var topicArn = PublishTarget(input);
        FindTopic(context, topicArn, input["TopicArn"] is null ? "TargetArn" : "TopicArn");
        var publication = ReadPublication(input, topicArn, entryPosition: null);
        if (!publisher.Publish(publication, context.BaseUrl))
        {
            throw SnsErrors.TopicNotFound();
        }

        return new JsonObject { ["MessageId"] = publication.MessageId };
    }

    public JsonObject PublishBatch(RequestContext context, JsonObject input)
    {
        var topicArn = (string?)input["TopicArn"];
        var entries = (input["PublishBatchRequestEntries"] as JsonArray ?? []).Select(e => e as JsonObject ?? []).ToList();
        if (entries.Count == 0)
        {
            throw SnsErrors.EmptyBatchRequest();
        }

        if (entries.Count > MaxBatchEntries)
        {
            throw SnsErrors.TooManyEntriesInBatchRequest();
        }

        var ids = entries.Select(e => (string?)e["Id"] ?? string.Empty).ToList();
        if (ids.Any(id => !BatchEntryId().IsMatch(id)))
        {
            throw SnsErrors.InvalidBatchEntryId();
        }

        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw SnsErrors.BatchEntryIdsNotDistinct();
        }

        var total = entries.Sum(e => Encoding.UTF8.GetByteCount((string?)e["Message"] ?? string.Empty));
        if (total > MaxMessageBytes)
        {
            throw SnsErrors.BatchRequestTooLong();
        }

        FindTopic(context, topicArn);
        var successful = new JsonArray();
        var failed = new JsonArray();
        for (var i = 0; i < entries.Count; i++)
        {
            try
            {
                var publication = ReadPublication(entries[i], topicArn!, entryPosition: i + 1);
                if (!publisher.Publish(publication, context.BaseUrl))
                {
                    throw SnsErrors.TopicNotFound();
                }

                successful.Add(new JsonObject { ["Id"] = ids[i], ["MessageId"] = publication.MessageId });
            }
            catch (AwsServiceException error)
            {
                failed.Add(new JsonObject { ["Id"] = ids[i], ["Code"] = error.Code, ["Message"] = error.Message, ["SenderFault"] = error.SenderFault });
            }
        }

        return new JsonObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    /// <summary>The topic a Publish addresses: exactly one of TopicArn and TargetArn (SMS is not emulated).</summary>
    private static string PublishTarget(JsonObject input)
    {
        var topicArn = (string?)input["TopicArn"];
        var targetArn = (string?)input["TargetArn"];
        if (input["PhoneNumber"] is not null)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: PhoneNumber Reason: the emulator does not send SMS");
        }

        return (topicArn, targetArn) switch
        {
            (null, null) => throw SnsErrors.InvalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"),
            (not null, not null) => throw SnsErrors.InvalidParameter("Invalid parameter: TopicArn or TargetArn Reason: Only one of TopicArn or TargetArn may be specified"), // [guess]
            _ => topicArn ?? targetArn!,
        };
    }

    private SnsPublication ReadPublication(JsonObject input, string topicArn, int? entryPosition)
    {
        var message = (string?)input["Message"] ?? string.Empty;
        var subject = (string?)input["Subject"];
        if (subject is not null && !IsValidSubject(subject))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Subject");
        }

        var perProtocol = (string?)input["MessageStructure"] switch
        {
            null => null,
            "json" => ReadMessageStructure(message),
            _ => throw SnsErrors.InvalidParameter("Invalid parameter: MessageStructure"), // [guess]
        };
        if (message.Length == 0)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Empty message");
        }

        var attributes = SnsMessageAttributes.Read(input["MessageAttributes"] as JsonObject, entryPosition);
        if (Encoding.UTF8.GetByteCount(message) + SnsMessageAttributes.Size(attributes) > MaxMessageBytes)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Message too long");
        }

        return new SnsPublication(Guid.NewGuid().ToString(), topicArn, perProtocol?["default"] ?? message, subject, clock.GetUtcNow())
        {
            Attributes = attributes,
            PerProtocol = perProtocol,
        };
    }

    /// <summary><c>MessageStructure=json</c>: an object of strings by protocol, with a <c>default</c> entry.</summary>
    private static Dictionary<string, string> ReadMessageStructure(string message)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(message);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is not JsonObject messages || messages.Any(m => m.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
        }

        var byProtocol = messages.ToDictionary(m => m.Key, m => m.Value!.GetValue<string>(), StringComparer.Ordinal);
        return byProtocol.ContainsKey("default")
            ? byProtocol
            : throw SnsErrors.InvalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
    }

    /// <summary>AWS: ASCII, starting with a letter, digit or punctuation, no line breaks or control characters, under 100 characters.</summary>
    private static bool IsValidSubject(string subject) =>
        subject.Length is > 0 and < 100
        && subject.All(c => c is >= ' ' and <= '~')
        && (char.IsAsciiLetterOrDigit(subject[0]) || char.IsPunctuation(subject[0]) || char.IsSymbol(subject[0]));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex BatchEntryId();
}
