using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Amazon SNS (query protocol): standard topics, subscriptions (sqs, lambda, email, email-json), Publish and
/// PublishBatch with asynchronous delivery, filter policies, topic policies, tags. Split by topic:
/// <c>.Topics</c>, <c>.Subscriptions</c>, <c>.Publishing</c>, <c>.Tags</c>, <c>.Permissions</c>.
/// </summary>
internal sealed partial class SnsProvider(
    SnsStore store,
    SnsPublisher publisher,
    SnsSubscriptionConfirmations confirmations,
    TimeProvider clock) : AwsServiceProvider
{
    /// <summary>Items per page of the List* operations (AWS pages topics and subscriptions by 100).</summary>
    private const int PageSize = 100;

    public override string ServiceId => "sns";

    /// <summary>The topic an ARN names in the caller's account and region, with its state, or AWS's errors.</summary>
    private (SnsState State, SnsTopic Topic) FindTopic(RequestContext context, string? topicArn, string parameter = "TopicArn")
    {
        if (SnsArns.ParseTopic(topicArn) is not { } parsed || topicArn!.Split(':').Length != 6)
        {
            throw SnsErrors.InvalidParameter($"Invalid parameter: {parameter}");
        }

        // Topics of other accounts are reachable when their policy allows the caller (the gateway checked).
        var state = store.Get(parsed.Account, parsed.Region);
        if (parsed.Region != context.Region)
        {
            throw SnsErrors.InvalidParameter($"Invalid parameter: {parameter}"); // [guess] AWS answers from the regional endpoint only
        }

        lock (state.Gate)
        {
            return state.Topics.TryGetValue(topicArn, out var topic) ? (state, topic) : throw SnsErrors.TopicNotFound();
        }
    }

    /// <summary>One page of <paramref name="items"/> after the <c>NextToken</c> position, and the next token.</summary>
    private static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, string? nextToken)
    {
        var start = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > items.Count))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: NextToken");
        }

        var page = items.Skip(start).Take(PageSize).ToList();
        var next = start + page.Count < items.Count ? (start + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return (page, next);
    }

    private static JsonObject AttributeMap(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var map = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            map[name] = value;
        }

        return map;
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadStringMap(JsonNode? node) =>
        node is JsonObject map
            ? map.Select(p => new KeyValuePair<string, string>(p.Key, (string?)p.Value ?? string.Empty))
            : [];
}
