using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// Amazon SQS over both its protocols: awsJson 1.0 (AWSSDK.SQS 4, recent botocore) and the query-era model (older
/// SDKs, raw form posts). The input trees are protocol-neutral, so one provider serves both; errors carry their
/// query-era code for the query codec and the <c>x-amzn-query-error</c> header. Split by topic: queues (this file),
/// attributes, messages, batches, tags and permissions.
/// </summary>
internal sealed partial class SqsProvider(SqsStore store, TimeProvider clock) : AwsServiceProvider
{
    public override string ServiceId => "sqs";

    private DateTimeOffset Now => clock.GetUtcNow();

    public JsonObject CreateQueue(RequestContext context, JsonObject input)
    {
        var name = SqsInput.Required(input, "QueueName");
        var given = SqsInput.Map(input, "Attributes");
        var fifo = given.TryGetValue(QueueAttributes.FifoQueue, out var fifoText) && string.Equals(fifoText, "true", StringComparison.OrdinalIgnoreCase);
        QueueNames.CheckNew(name, fifo);
        if (given.ContainsKey(QueueAttributes.FifoQueue) && !fifo)
        {
            // [guess] AWS refuses FifoQueue=false outright.
            throw SqsErrors.InvalidAttributeValue(QueueAttributes.FifoQueue);
        }

        var attributes = ValidateAttributes(context, given, fifo, creating: true, out var redrive);
        var tags = SqsInput.Map(input, "tags");
        QueueTags.Check(tags);

        var region = store.Region(context.AccountId, context.Region);
        lock (region.CreateGate)
        {
            if (region.Queues.TryGetValue(name, out var existing))
            {
                var current = existing.Attributes();
                foreach (var (key, value) in attributes)
                {
                    if (current.GetValueOrDefault(key, string.Empty) != value)
                    {
                        throw SqsErrors.QueueNameExists(key);
                    }
                }

                return Url(context, existing);
            }

            if (region.DeletedAt.TryGetValue(name, out var deletedAt) && Now - deletedAt < TimeSpan.FromSeconds(60))
            {
                throw SqsErrors.QueueDeletedRecently();
            }

            var all = QueueAttributes.Defaults(fifo);
            foreach (var (key, value) in attributes.Where(a => a.Value.Length > 0))
            {
                all[key] = value;
            }

            var queue = new SqsQueue(context.AccountId, context.Region, name, all, redrive, Now);
            queue.Tag(tags);
            region.Queues[name] = queue;
            return Url(context, queue);
        }
    }

    public JsonObject DeleteQueue(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var region = store.Region(queue.AccountId, queue.Region);
        lock (region.CreateGate)
        {
            if (region.Queues.TryRemove(new KeyValuePair<string, SqsQueue>(queue.Name, queue)))
            {
                region.DeletedAt[queue.Name] = Now;
            }
        }

        queue.MarkDeleted();
        return [];
    }

    public JsonObject GetQueueUrl(RequestContext context, JsonObject input)
    {
        var name = SqsInput.Required(input, "QueueName");
        var account = SqsInput.Optional(input, "QueueOwnerAWSAccountId") ?? context.AccountId;
        var queue = store.Find(account, context.Region, name) ?? throw SqsErrors.QueueDoesNotExist();
        return Url(context, queue);
    }

    public JsonObject ListQueues(RequestContext context, JsonObject input)
    {
        var prefix = SqsInput.Optional(input, "QueueNamePrefix") ?? string.Empty;
        var max = SqsInput.Integer(input, "MaxResults");
        if (max is < 1 or > 1000)
        {
            throw SqsErrors.InvalidParameterValue($"Value {max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
        }

        var after = SqsInput.Optional(input, "NextToken") is { } token ? Paging.Decode(token) : null;
        var names = store.Region(context.AccountId, context.Region).Queues.Keys
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(n, after) > 0))
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = names.Take((int)(max ?? 1000)).ToList();
        var output = new JsonObject();
        if (page.Count > 0)
        {
            output["QueueUrls"] = new JsonArray(page.Select(n => (JsonNode?)QueueNames.Url(context.BaseUrl, context.AccountId, n)).ToArray());
        }

        // Only a caller paging with MaxResults gets a NextToken, as in AWS.
        if (max is not null && names.Count > page.Count)
        {
            output["NextToken"] = Paging.Encode(page[^1]);
        }

        return output;
    }

    public JsonObject ListDeadLetterSourceQueues(RequestContext context, JsonObject input)
    {
        var target = Queue(context, input);
        var max = SqsInput.Integer(input, "MaxResults");
        if (max is < 1 or > 1000)
        {
            throw SqsErrors.InvalidParameterValue($"Value {max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
        }

        var after = SqsInput.Optional(input, "NextToken") is { } token ? Paging.Decode(token) : null;
        var names = store.Region(target.AccountId, target.Region).Queues.Values
            .Where(q => q.Redrive?.DeadLetterTargetArn == target.Arn && (after is null || string.CompareOrdinal(q.Name, after) > 0))
            .Select(q => q.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = names.Take((int)(max ?? 1000)).ToList();
        var output = new JsonObject
        {
            ["queueUrls"] = new JsonArray(page.Select(n => (JsonNode?)QueueNames.Url(context.BaseUrl, target.AccountId, n)).ToArray()),
        };
        if (max is not null && names.Count > page.Count)
        {
            output["NextToken"] = Paging.Encode(page[^1]);
        }

        return output;
    }

    public JsonObject PurgeQueue(RequestContext context, JsonObject input)
    {
        Queue(context, input).Purge(Now);
        return [];
    }

    /// <summary>The queue a request's <c>QueueUrl</c> names, or <c>QueueDoesNotExist</c>.</summary>
    private SqsQueue Queue(RequestContext context, JsonObject input)
    {
        var (account, name) = QueueNames.ParseUrl(SqsInput.Required(input, "QueueUrl"));
        return store.Find(account, context.Region, name) ?? throw SqsErrors.QueueDoesNotExist();
    }

    private static JsonObject Url(RequestContext context, SqsQueue queue) =>
        new() { ["QueueUrl"] = QueueNames.Url(context.BaseUrl, queue.AccountId, queue.Name) };
}
