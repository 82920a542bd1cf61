using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>SendMessage, ReceiveMessage (with long polling and redrive), DeleteMessage, ChangeMessageVisibility.</summary>
internal sealed partial class SqsProvider
{
    /// <summary>The message system attributes ReceiveMessage can return.</summary>
    private static readonly IReadOnlySet<string> SystemAttributeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "All", "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber",
        "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn", "SqsManagedSseEnabled",
    };

    public JsonObject SendMessage(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var outgoing = OutgoingMessage.Read(input);
        return OutgoingMessage.Result(outgoing.Enqueue(queue, context.Principal.UserId, Now));
    }

    public async Task<JsonObject> ReceiveMessage(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var max = SqsInput.Integer(input, "MaxNumberOfMessages") ?? 1;
        if (max is < 1 or > 10)
        {
            throw SqsErrors.InvalidParameterValue(Text(max), "MaxNumberOfMessages", "Must be between 1 and 10, if provided.");
        }

        var visibility = SqsInput.Integer(input, "VisibilityTimeout") ?? queue.VisibilityTimeout;
        if (visibility is < 0 or > 43_200)
        {
            throw SqsErrors.InvalidParameterValue(Text(visibility), "VisibilityTimeout", "Must be >= 0 and <= 43200, if provided."); // [guess] wording
        }

        var wait = SqsInput.Integer(input, "WaitTimeSeconds") ?? queue.ReceiveMessageWaitTimeSeconds;
        if (wait is < 0 or > 20)
        {
            throw SqsErrors.InvalidParameterValue(Text(wait), "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.");
        }

        var systemNames = SqsInput.Strings(input, "AttributeNames").Concat(SqsInput.Strings(input, "MessageSystemAttributeNames")).ToHashSet(StringComparer.Ordinal);
        foreach (var name in systemNames.Where(n => !SystemAttributeNames.Contains(n)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        var attributeNames = SqsInput.Strings(input, "MessageAttributeNames");
        var deadline = Now + TimeSpan.FromSeconds(wait);
        var cancellation = context.Aborted;
        while (true)
        {
            var (arrival, _) = queue.WaitState(Now);
            var received = ReceiveOnce(queue, (int)max, TimeSpan.FromSeconds(visibility));
            var now = Now;
            if (received.Count > 0 || now >= deadline || queue.IsDeleted)
            {
                return received.Count == 0
                    ? []
                    : new JsonObject { ["Messages"] = new JsonArray(received.Select(r => (JsonNode?)MessageJson(r, systemNames, attributeNames)).ToArray()) };
            }

            var (_, nextVisible) = queue.WaitState(now);
            var until = nextVisible is { } next && next < deadline ? next : deadline;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var delay = Task.Delay(until - now, clock, timer.Token);
            await Task.WhenAny(arrival, delay).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    public JsonObject DeleteMessage(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        queue.Delete(SqsInput.Required(input, "ReceiptHandle"));
        return [];
    }

    public JsonObject ChangeMessageVisibility(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var handle = SqsInput.Required(input, "ReceiptHandle");
        var timeout = SqsInput.Integer(input, "VisibilityTimeout") ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        ChangeVisibility(queue, handle, timeout);
        return [];
    }

    private void ChangeVisibility(SqsQueue queue, string handle, long timeout)
    {
        if (timeout is < 0 or > 43_200)
        {
            throw SqsErrors.InvalidParameterValue(Text(timeout), "VisibilityTimeout", "VisibilityTimeout must be an integer between 0 and 43200"); // [guess] wording
        }

        queue.ChangeVisibility(handle, (int)timeout, Now);
    }

    /// <summary>One scan of the queue; messages past the redrive limit move to the dead-letter queue first.</summary>
    private IReadOnlyList<ReceivedMessage> ReceiveOnce(SqsQueue queue, int max, TimeSpan visibility)
    {
        var redrive = queue.Redrive;
        var deadLetterQueue = redrive is null ? null : store.FindByArn(redrive.DeadLetterTargetArn);
        var (received, deadLettered) = queue.Receive(max, visibility, deadLetterQueue is null ? null : redrive!.MaxReceiveCount, Now);
        foreach (var message in deadLettered)
        {
            deadLetterQueue!.Adopt(message, queue.Arn, Now);
        }

        return received;
    }

    private static JsonObject MessageJson(ReceivedMessage received, IReadOnlySet<string> systemNames, IReadOnlyList<string> attributeNames)
    {
        var message = received.Message;
        var json = new JsonObject
        {
            ["MessageId"] = message.MessageId,
            ["ReceiptHandle"] = received.ReceiptHandle,
            ["MD5OfBody"] = message.Md5OfBody,
            ["Body"] = message.Body,
        };

        var system = SystemAttributes(received, systemNames);
        if (system.Count > 0)
        {
            json["Attributes"] = system;
        }

        var selected = message.Attributes.Where(a => AttributeSelected(a.Key, attributeNames)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        if (selected.Count > 0)
        {
            // [guess] the digest covers the attributes returned, which is what the SDKs verify it against.
            json["MD5OfMessageAttributes"] = MessageDigests.OfAttributes(selected);
            json["MessageAttributes"] = new JsonObject(selected.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value.ToJson())));
        }

        return json;
    }

    private static JsonObject SystemAttributes(ReceivedMessage received, IReadOnlySet<string> names)
    {
        var message = received.Message;
        var all = names.Contains("All");
        var result = new JsonObject();
        void Add(string name, string? value)
        {
            if (value is not null && (all || names.Contains(name)))
            {
                result[name] = value;
            }
        }

        Add("SenderId", message.SenderId);
        Add("ApproximateFirstReceiveTimestamp", Text((message.FirstReceivedAt ?? received.ReceivedAt).ToUnixTimeMilliseconds()));
        Add("ApproximateReceiveCount", Text(received.ReceiveCount));
        Add("SentTimestamp", Text(message.SentAt.ToUnixTimeMilliseconds()));
        Add("SequenceNumber", message.SequenceNumber);
        Add("MessageDeduplicationId", message.DeduplicationId);
        Add("MessageGroupId", message.GroupId);
        Add("DeadLetterQueueSourceArn", message.DeadLetterSourceArn);
        Add("AWSTraceHeader", message.SystemAttributes.GetValueOrDefault("AWSTraceHeader")?.StringValue);
        return result;
    }

    /// <summary><c>All</c> and <c>.*</c> select every attribute, <c>prefix.*</c> those under the prefix, else exact names.</summary>
    private static bool AttributeSelected(string name, IReadOnlyList<string> requested)
    {
        foreach (var pattern in requested)
        {
            if (pattern is "All" or ".*" || pattern == name
                || (pattern.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(pattern[..^1], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
