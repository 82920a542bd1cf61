using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// TagQueue, UntagQueue, ListQueueTags, and AddPermission/RemovePermission, which edit the queue's <c>Policy</c>
/// attribute one labelled statement at a time, as AWS does.
/// </summary>
internal sealed partial class SqsProvider
{
    private static readonly IReadOnlySet<string> PermissionActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "*", "SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl",
        "ListDeadLetterSourceQueues", "PurgeQueue",
    };

    public JsonObject TagQueue(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var tags = SqsInput.Map(input, "Tags");
        var existing = queue.Tags();
        QueueTags.Check(tags, existing.Keys.Count(k => !tags.ContainsKey(k)));
        queue.Tag(tags);
        return [];
    }

    public JsonObject UntagQueue(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        queue.Untag(SqsInput.Strings(input, "TagKeys"));
        return [];
    }

    public JsonObject ListQueueTags(RequestContext context, JsonObject input)
    {
        var tags = Queue(context, input).Tags();
        return tags.Count == 0 ? [] : new JsonObject { ["Tags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))) };
    }

    public JsonObject AddPermission(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var label = SqsInput.Required(input, "Label");
        var accounts = SqsInput.Strings(input, "AWSAccountIds");
        var actions = SqsInput.Strings(input, "Actions");
        if (accounts.Count == 0)
        {
            throw SqsErrors.MissingParameter("AWSAccountIds");
        }

        if (actions.Count == 0)
        {
            throw SqsErrors.MissingParameter("Actions");
        }

        if (label.Length is 0 or > 80 || label.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')))
        {
            throw SqsErrors.InvalidParameterValue(label, "Label", "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }

        foreach (var action in actions.Where(a => !PermissionActions.Contains(a)))
        {
            throw SqsErrors.InvalidParameterValue($"SQS:{action}", "ActionName", "Please refer to the appropriate WSDL for a list of valid actions.");
        }

        var policy = ParsePolicy(queue) ?? new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Id"] = $"{queue.Arn}/SQSDefaultPolicy",
            ["Statement"] = new JsonArray(),
        };
        var statements = Statements(policy);
        if (statements.Any(s => (string?)s?["Sid"] == label))
        {
            throw SqsErrors.InvalidParameterValue(label, "Label", "Already exists.");
        }

        statements.Add(new JsonObject
        {
            ["Sid"] = label,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = OneOrMany(accounts.Select(a => $"arn:aws:iam::{a}:root")) },
            ["Action"] = OneOrMany(actions.Select(a => $"SQS:{a}")),
            ["Resource"] = queue.Arn,
        });
        SetPolicy(queue, policy.ToJsonString());
        return [];
    }

    public JsonObject RemovePermission(RequestContext context, JsonObject input)
    {
        var queue = Queue(context, input);
        var label = SqsInput.Required(input, "Label");
        var policy = ParsePolicy(queue);
        var statements = policy is null ? null : Statements(policy);
        var statement = statements?.FirstOrDefault(s => (string?)s?["Sid"] == label)
            ?? throw SqsErrors.InvalidParameterValue(label, "Label", "can't find label on existing policy.");
        statements!.Remove(statement);

        // [guess] the last statement removed removes the policy.
        SetPolicy(queue, statements.Count == 0 ? string.Empty : policy!.ToJsonString());
        return [];
    }

    private void SetPolicy(SqsQueue queue, string policy) =>
        queue.SetAttributes(new Dictionary<string, string> { [QueueAttributes.Policy] = policy }, null, redriveGiven: false, Now);

    private static JsonObject? ParsePolicy(SqsQueue queue)
    {
        if (queue.Policy is not { } text)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonArray Statements(JsonObject policy)
    {
        switch (policy["Statement"])
        {
            case JsonArray array:
                return array;
            case JsonObject single:
                policy.Remove("Statement");
                var wrapped = new JsonArray(single);
                policy["Statement"] = wrapped;
                return wrapped;
            default:
                var empty = new JsonArray();
                policy["Statement"] = empty;
                return empty;
        }
    }

    private static JsonNode OneOrMany(IEnumerable<string> values)
    {
        var list = values.ToArray();
        return list.Length == 1 ? JsonValue.Create(list[0]) : new JsonArray(list.Select(v => (JsonNode?)v).ToArray());
    }
}
