using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// A message on its way into a queue, from SendMessage, a batch entry or another service. <see cref="Enqueue"/>
/// applies the queue's rules (body characters and size, delay, FIFO group and deduplication) and stores it.
/// </summary>
internal sealed record OutgoingMessage(string Body)
{
    public IReadOnlyDictionary<string, SqsAttributeValue> Attributes { get; init; } = new Dictionary<string, SqsAttributeValue>();

    public IReadOnlyDictionary<string, SqsAttributeValue> SystemAttributes { get; init; } = new Dictionary<string, SqsAttributeValue>();

    public long? DelaySeconds { get; init; }

    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    /// <summary>Reads a SendMessage input or a SendMessageBatch entry.</summary>
    public static OutgoingMessage Read(JsonObject input) =>
        new(SqsInput.Optional(input, "MessageBody") ?? string.Empty)
        {
            Attributes = SqsAttributeValue.ReadAll(input["MessageAttributes"]),
            SystemAttributes = SqsAttributeValue.ReadSystem(input["MessageSystemAttributes"]),
            DelaySeconds = SqsInput.Integer(input, "DelaySeconds"),
            GroupId = SqsInput.Optional(input, "MessageGroupId"),
            DeduplicationId = SqsInput.Optional(input, "MessageDeduplicationId"),
        };

    /// <summary>Validates the message against <paramref name="queue"/> and adds it; returns the stored message (a FIFO duplicate returns the original).</summary>
    public SqsMessage Enqueue(SqsQueue queue, string senderId, DateTimeOffset now)
    {
        if (Body.Length == 0)
        {
            throw SqsErrors.MissingParameter("MessageBody");
        }

        MessageBodies.CheckCharacters(Body);
        MessageBodies.CheckSize(MessageBodies.Size(Body, Attributes), queue.MaximumMessageSize);
        var delay = queue.DelaySeconds;
        if (DelaySeconds is { } seconds)
        {
            if (queue.IsFifo)
            {
                throw SqsErrors.InvalidParameterValue(Text(seconds), "DelaySeconds", "The request include parameter that is not valid for this queue type.");
            }

            if (seconds is < 0 or > 900)
            {
                throw SqsErrors.InvalidParameterValue(Text(seconds), "DelaySeconds", "DelaySeconds must be >= 0 and <= 900.");
            }

            delay = (int)seconds;
        }

        CheckId(GroupId, "MessageGroupId");
        CheckId(DeduplicationId, "MessageDeduplicationId");
        var deduplicationId = DeduplicationId;
        if (queue.IsFifo)
        {
            if (GroupId is null)
            {
                throw SqsErrors.MissingParameter("MessageGroupId");
            }

            if (deduplicationId is null)
            {
                deduplicationId = queue.ContentBasedDeduplication
                    ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Body)))
                    : throw SqsErrors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
        }
        else if (deduplicationId is not null)
        {
            throw SqsErrors.InvalidParameterValue(deduplicationId, "MessageDeduplicationId", "The request include parameter that is not valid for this queue type.");
        }

        var message = new SqsMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Body = Body,
            Md5OfBody = MessageDigests.OfBody(Body),
            Attributes = Attributes,
            SystemAttributes = SystemAttributes,
            SenderId = senderId,
            SentAt = now,
            GroupId = GroupId,
            DeduplicationId = deduplicationId,
        };
        return queue.Enqueue(message, TimeSpan.FromSeconds(delay), now);
    }

    /// <summary>The SendMessage result members (also a batch entry's, with its Id added).</summary>
    public static JsonObject Result(SqsMessage message)
    {
        var result = new JsonObject
        {
            ["MD5OfMessageBody"] = message.Md5OfBody,
            ["MessageId"] = message.MessageId,
        };
        if (MessageDigests.OfAttributes(message.Attributes) is { } attributesMd5)
        {
            result["MD5OfMessageAttributes"] = attributesMd5;
        }

        if (MessageDigests.OfAttributes(message.SystemAttributes) is { } systemMd5)
        {
            result["MD5OfMessageSystemAttributes"] = systemMd5;
        }

        if (message.SequenceNumber is { } sequence)
        {
            result["SequenceNumber"] = sequence;
        }

        return result;
    }

    // Group and deduplication ids: 1–128 of alphanumerics and punctuation.
    private static void CheckId(string? id, string parameter)
    {
        if (id is not null && (id.Length is 0 or > 128 || id.Any(c => c > '~' || c < '!')))
        {
            throw SqsErrors.InvalidParameterValue(id, parameter, $"{parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length."); // [guess] wording
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
