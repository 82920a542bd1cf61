using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// The batch operations: 1–10 entries with distinct ids (<c>[A-Za-z0-9_-]{1,80}</c>); request-level problems fail
/// the whole call, an entry's own problem lands in <c>Failed</c> with its code and message.
/// </summary>
internal sealed partial class SqsProvider
{
    private const int MaxBatchEntries = 10;

    public JsonObject SendMessageBatch(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var entries = BatchEntries(input, "SendMessageBatchRequestEntry");
        var messages = entries.Select(e => (Entry: e, Body: SqsInput.Optional(e, "MessageBody") ?? string.Empty)).ToList();
        var total = messages.Sum(m => m.Entry["MessageAttributes"] is null ? System.Text.Encoding.UTF8.GetByteCount(m.Body) : SafeSize(m.Entry, m.Body));
        if (total > queue.MaximumMessageSize)
        {
            throw SqsErrors.BatchRequestTooLong(queue.MaximumMessageSize, total);
        }

        return RunBatch(entries, entry => OutgoingMessage.Result(OutgoingMessage.Read(entry).Enqueue(queue, context.Principal.UserId, Now)));
    }

    public JsonObject DeleteMessageBatch(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var entries = BatchEntries(input, "DeleteMessageBatchRequestEntry");
        return RunBatch(entries, entry =>
        {
            queue.Delete(SqsInput.Optional(entry, "ReceiptHandle") ?? throw SqsErrors.MissingParameter("ReceiptHandle"));
            return [];
        });
    }

    public JsonObject ChangeMessageVisibilityBatch(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var entries = BatchEntries(input, "ChangeMessageVisibilityBatchRequestEntry");
        return RunBatch(entries, entry =>
        {
            var handle = SqsInput.Optional(entry, "ReceiptHandle") ?? throw SqsErrors.MissingParameter("ReceiptHandle");
            ChangeVisibility(queue, handle, SqsInput.Integer(entry, "VisibilityTimeout") ?? throw SqsErrors.MissingParameter("VisibilityTimeout"));
            return [];
        });
    }

    /// <summary>The entries of a batch request, checked as a whole: count, ids and their distinctness.</summary>
    private static List<JsonObject> BatchEntries(JsonObject input, string entryShape)
    {
        var entries = (input["Entries"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (entries.Count == 0)
        {
            throw SqsErrors.EmptyBatchRequest(entryShape);
        }

        if (entries.Count > MaxBatchEntries)
        {
            throw SqsErrors.TooManyEntriesInBatchRequest(entries.Count);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = SqsInput.Optional(entry, "Id") ?? throw SqsErrors.MissingParameter("Id");
            if (!BatchIdRegex().IsMatch(id))
            {
                throw SqsErrors.InvalidBatchEntryId();
            }

            if (!seen.Add(id))
            {
                throw SqsErrors.BatchEntryIdsNotDistinct(id);
            }
        }

        return entries;
    }

    /// <summary>Runs each entry; an AWS error of one entry fails only that entry.</summary>
    private static JsonObject RunBatch(List<JsonObject> entries, Func<JsonObject, JsonObject> run)
    {
        var successful = new JsonArray();
        var failed = new JsonArray();
        foreach (var entry in entries)
        {
            var id = SqsInput.Optional(entry, "Id")!;
            try
            {
                var result = run(entry);
                var item = new JsonObject { ["Id"] = id };
                foreach (var (key, value) in result)
                {
                    item[key] = value?.DeepClone();
                }

                successful.Add(item);
            }
            catch (AwsServiceException error)
            {
                failed.Add(new JsonObject
                {
                    ["Id"] = id,
                    ["SenderFault"] = error.SenderFault,
                    ["Code"] = error.QueryErrorCode ?? error.Code,
                    ["Message"] = error.Message,
                });
            }
        }

        return new JsonObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    // The batch size counts every entry's body and attributes; an entry with malformed attributes fails on its own.
    private static long SafeSize(JsonObject entry, string body)
    {
        try
        {
            return MessageBodies.Size(body, SqsAttributeValue.ReadAll(entry["MessageAttributes"]));
        }
        catch (AwsServiceException)
        {
            return System.Text.Encoding.UTF8.GetByteCount(body);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex BatchIdRegex();
}
