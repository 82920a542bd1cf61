using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes.</summary>
internal sealed partial class SnsProvider
{
    /// <summary>Topic attributes SetTopicAttributes and CreateTopic accept on a standard topic.</summary>
    private static readonly HashSet<string> SettableTopicAttributes = new(StringComparer.Ordinal)
    {
        "DeliveryPolicy", "DisplayName", "Policy", "TracingConfig", "KmsMasterKeyId", "SignatureVersion", "DataProtectionPolicy",
        "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
        "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
        "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn",
        "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn",
        "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate", "ApplicationFailureFeedbackRoleArn",
    };

    /// <summary>The delivery policy AWS reports for a topic that sets none.</summary>
    private const string DefaultEffectiveDeliveryPolicy =
        "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";

    public JsonObject CreateTopic(RequestContext context, JsonObject input)
    {
        var name = (string?)input["Name"] ?? string.Empty;
        var attributes = ReadStringMap(input["Attributes"]).ToList();
        var tags = ReadTags(input["Tags"]);
        if (name.EndsWith(".fifo", StringComparison.Ordinal) || attributes.Any(a => a.Key is "FifoTopic" or "ContentBasedDeduplication" or "FifoThroughputScope"))
        {
            // The emulator serves standard topics only: refuse FIFO plainly rather than pretend ordering.
            throw SnsErrors.InvalidParameter("Invalid parameter: Topic Name: FIFO topics are not supported by the emulator");
        }

        if (!TopicName().IsMatch(name))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Topic Name");
        }

        var arn = SnsArns.Topic(context.Region, context.AccountId, name);
        foreach (var (attribute, value) in attributes)
        {
            ValidateTopicAttribute(attribute, value);
        }

        var state = store.Get(context);
        lock (state.Gate)
        {
            if (state.Topics.TryGetValue(arn, out var existing))
            {
                // CreateTopic is idempotent for the same attributes and tags; different ones are an error.
                if (attributes.Any(a => existing.Attributes.GetValueOrDefault(a.Key) != a.Value))
                {
                    throw SnsErrors.InvalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes");
                }

                if (tags.Count > 0 && !tags.All(t => existing.Tags.Contains(t)))
                {
                    throw SnsErrors.InvalidParameter("Invalid parameter: Tags Reason: Topic already exists with different tags");
                }

                return new JsonObject { ["TopicArn"] = arn };
            }

            var topic = new SnsTopic(arn, name, context.AccountId, state.NextSequence());
            topic.Attributes["Policy"] = SnsTopicPolicies.Default(arn, context.AccountId);
            foreach (var (attribute, value) in attributes)
            {
                topic.Attributes[attribute] = value;
            }

            ApplyTags(topic, tags);
            state.Topics[arn] = topic;
        }

        return new JsonObject { ["TopicArn"] = arn };
    }

    public JsonObject DeleteTopic(RequestContext context, JsonObject input)
    {
        var arn = (string?)input["TopicArn"];
        if (SnsArns.ParseTopic(arn) is null)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: TopicArn");
        }

        // Deleting a topic that does not exist is no error (SNS API reference).
        var state = store.ForTopicArn(arn)!;
        lock (state.Gate)
        {
            if (state.Topics.Remove(arn!))
            {
                foreach (var subscription in state.SubscriptionsOf(arn!).ToList())
                {
                    state.Subscriptions.Remove(subscription.Arn);
                }
            }
        }

        return [];
    }

    public JsonObject ListTopics(RequestContext context, JsonObject input)
    {
        var state = store.Get(context);
        List<string> arns;
        lock (state.Gate)
        {
            arns = state.Topics.Values.OrderBy(t => t.Sequence).Select(t => t.Arn).ToList();
        }

        var (page, next) = Page(arns, (string?)input["NextToken"]);
        var output = new JsonObject { ["Topics"] = new JsonArray(page.Select(a => (JsonNode)new JsonObject { ["TopicArn"] = a }).ToArray()) };
        if (next is not null)
        {
            output["NextToken"] = next;
        }

        return output;
    }

    public JsonObject GetTopicAttributes(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTopic(context, (string?)input["TopicArn"]);
        lock (state.Gate)
        {
            var subscriptions = state.SubscriptionsOf(topic.Arn).ToList();
            var attributes = new List<KeyValuePair<string, string>>
            {
                new("Policy", topic.Policy),
                new("Owner", topic.Owner),
                new("SubscriptionsPending", subscriptions.Count(s => s.PendingConfirmation).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("TopicArn", topic.Arn),
                new("EffectiveDeliveryPolicy", topic.Attributes.GetValueOrDefault("DeliveryPolicy") ?? DefaultEffectiveDeliveryPolicy),
                new("SubscriptionsConfirmed", subscriptions.Count(s => !s.PendingConfirmation).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("DisplayName", topic.DisplayName),
                new("SubscriptionsDeleted", topic.SubscriptionsDeleted.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            attributes.AddRange(topic.Attributes.Where(a => a.Key is not ("Policy" or "DisplayName")));
            return new JsonObject { ["Attributes"] = AttributeMap(attributes) };
        }
    }

    public JsonObject SetTopicAttributes(RequestContext context, JsonObject input)
    {
        var name = (string?)input["AttributeName"] ?? string.Empty;
        var value = (string?)input["AttributeValue"] ?? string.Empty;
        var (state, topic) = FindTopic(context, (string?)input["TopicArn"]);
        ValidateTopicAttribute(name, value);
        lock (state.Gate)
        {
            if (name == "Policy" && value.Length == 0)
            {
                // [guess] an empty policy restores the default rather than leaving the topic without one.
                topic.Attributes["Policy"] = SnsTopicPolicies.Default(topic.Arn, topic.Owner);
            }
            else if (value.Length == 0 && name != "DisplayName")
            {
                topic.Attributes.Remove(name);
            }
            else
            {
                topic.Attributes[name] = value;
            }
        }

        return [];
    }

    private static void ValidateTopicAttribute(string name, string value)
    {
        if (!SettableTopicAttributes.Contains(name))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: AttributeName");
        }

        switch (name)
        {
            case "DisplayName" when value.Length > 100:
                throw SnsErrors.InvalidParameter("Invalid parameter: DisplayName"); // [guess]
            case "SignatureVersion" when value is not ("1" or "2"):
                throw SnsErrors.InvalidParameter("Invalid parameter: SignatureVersion"); // [guess]
            case "TracingConfig" when value is not ("PassThrough" or "Active"):
                throw SnsErrors.InvalidParameter("Invalid parameter: TracingConfig"); // [guess]
            case "Policy" when value.Length > 0:
                try
                {
                    PolicyParser.Parse(value, PolicyParseOptions.Resource);
                }
                catch (MalformedPolicyDocumentException error)
                {
                    throw SnsErrors.InvalidParameter($"Invalid parameter: Policy Error: {error.Message}"); // [guess]
                }

                break;
            case "DeliveryPolicy" when value.Length > 0 && !IsJsonObject(value):
                throw SnsErrors.InvalidParameter("Invalid parameter: DeliveryPolicy: failed to parse JSON."); // [guess]
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TopicName();
}
