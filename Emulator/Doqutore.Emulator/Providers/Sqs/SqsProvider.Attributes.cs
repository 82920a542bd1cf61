using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>GetQueueAttributes and SetQueueAttributes, and the validation CreateQueue shares.</summary>
internal sealed partial class SqsProvider
{
    public JsonObject GetQueueAttributes(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var requested = SqsInput.Strings(input, "AttributeNames");
        foreach (var name in requested)
        {
            if (name != "All" && !QueueAttributes.IsKnown(name))
            {
                throw SqsErrors.InvalidAttributeName(name);
            }
        }

        var all = requested.Contains("All");
        bool Wanted(string name) => all || requested.Contains(name);

        var values = new JsonObject();
        var set = queue.Attributes();
        var now = Now;
        var (visible, inFlight, delayed) = queue.Counts(now);
        var computed = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["QueueArn"] = queue.Arn,
            ["ApproximateNumberOfMessages"] = Text(visible),
            ["ApproximateNumberOfMessagesNotVisible"] = Text(inFlight),
            ["ApproximateNumberOfMessagesDelayed"] = Text(delayed),
            ["CreatedTimestamp"] = Text(queue.CreatedAt.ToUnixTimeSeconds()),
            ["LastModifiedTimestamp"] = Text(queue.LastModifiedAt.ToUnixTimeSeconds()),
        };
        foreach (var name in QueueAttributes.Settable)
        {
            if (Wanted(name) && set.TryGetValue(name, out var value))
            {
                values[name] = value;
            }
        }

        foreach (var (name, value) in computed)
        {
            if (Wanted(name))
            {
                values[name] = value;
            }
        }

        return values.Count == 0 ? [] : new JsonObject { ["Attributes"] = values };
    }

    public JsonObject SetQueueAttributes(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var given = SqsInput.Map(input, "Attributes");
        var attributes = ValidateAttributes(context, given, queue.IsFifo, creating: false, out var redrive);
        queue.SetAttributes(attributes, redrive, attributes.ContainsKey(QueueAttributes.RedrivePolicy), Now);
        return [];
    }

    /// <summary>Validates attributes a caller gives, returning them normalized, the redrive policy parsed.</summary>
    private Dictionary<string, string> ValidateAttributes(RequestContext context, Dictionary<string, string> given, bool fifo, bool creating, out RedrivePolicy? redrive)
    {
        redrive = null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            result[name] = QueueAttributes.Normalize(name, value, fifo, creating);
        }

        if (result.TryGetValue(QueueAttributes.RedrivePolicy, out var redriveText) && redriveText.Length > 0)
        {
            redrive = RedrivePolicy.Parse(redriveText);
            var parts = QueueNames.ParseArn(redrive.DeadLetterTargetArn)!.Value;
            var target = parts.AccountId == context.AccountId && parts.Region == context.Region
                ? store.Find(parts.AccountId, parts.Region, parts.Name)
                : null;
            if (target is null)
            {
                throw RedrivePolicy.Invalid(redriveText, "Dead letter target does not exist.");
            }

            if (target.IsFifo != fifo)
            {
                throw RedrivePolicy.Invalid(redriveText, "Dead-letter queue must be same type of queue as the source.");
            }

            result[QueueAttributes.RedrivePolicy] = redrive.ToJson();
        }

        if (result.TryGetValue(QueueAttributes.Policy, out var policy) && policy.Length > 0)
        {
            QueuePolicies.Check(policy);
        }

        return result;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
