using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Subscribe, ConfirmSubscription, Unsubscribe, ListSubscriptions, ListSubscriptionsByTopic and the
/// subscription attributes. sqs and lambda endpoints of the subscribing account are confirmed at once; email
/// endpoints (and queues of other accounts) stay <c>PendingConfirmation</c> until their token comes back.
/// </summary>
internal sealed partial class SnsProvider
{
    /// <summary>Protocols the emulator delivers to.</summary>
    private static readonly HashSet<string> DeliveredProtocols = new(StringComparer.Ordinal) { "sqs", "lambda", "email", "email-json" };

    /// <summary>Protocols AWS accepts that the emulator does not deliver to (yet).</summary>
    private static readonly HashSet<string> UndeliveredProtocols = new(StringComparer.Ordinal) { "http", "https", "sms", "application", "firehose" };

    private static readonly HashSet<string> SettableSubscriptionAttributes = new(StringComparer.Ordinal)
    {
        "DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy",
    };

    public JsonObject Subscribe(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTopic(context, (string?)input["TopicArn"]);
        var protocol = (string?)input["Protocol"] ?? string.Empty;
        var endpoint = (string?)input["Endpoint"] ?? string.Empty;
        if (UndeliveredProtocols.Contains(protocol))
        {
            throw SnsErrors.InvalidParameter($"Invalid parameter: Protocol Reason: the emulator does not deliver to {protocol} endpoints");
        }

        if (!DeliveredProtocols.Contains(protocol))
        {
            throw SnsErrors.InvalidParameter($"Invalid parameter: Amazon SNS does not support this protocol string: {protocol}");
        }

        ValidateEndpoint(protocol, endpoint);
        // The scope first, so the policy is read in the scope it is meant for.
        var attributes = ReadStringMap(input["Attributes"]).OrderBy(a => a.Key == "FilterPolicyScope" ? 0 : 1).ToList();
        var returnArn = (bool?)input["ReturnSubscriptionArn"] ?? false;

        // Validate every attribute on a scratch subscription first, so a bad one changes nothing.
        var scratch = new SnsSubscription("scratch", topic.Arn, protocol, endpoint, context.AccountId, 0);
        ApplySubscriptionAttributes(scratch, attributes);

        SnsSubscription subscription;
        lock (state.Gate)
        {
            if (state.SubscriptionsOf(topic.Arn).FirstOrDefault(s => s.Protocol == protocol && s.Endpoint == endpoint) is { } existing)
            {
                if (attributes.Any(a => existing.Attributes.GetValueOrDefault(a.Key) != a.Value))
                {
                    throw SnsErrors.InvalidParameter("Invalid parameter: Attributes Reason: Subscription already exists with different attributes");
                }

                return new JsonObject { ["SubscriptionArn"] = returnArn || !existing.PendingConfirmation ? existing.Arn : "pending confirmation" };
            }

            subscription = new SnsSubscription($"{topic.Arn}:{Guid.NewGuid()}", topic.Arn, protocol, endpoint, context.AccountId, state.NextSequence());
            ApplySubscriptionAttributes(subscription, attributes);
            subscription.Attributes["SubscriptionPrincipal"] = context.Principal.Arn;
            if (NeedsConfirmation(context, protocol, endpoint))
            {
                subscription.PendingConfirmation = true;
                subscription.Token = SnsSubscriptionConfirmations.NewToken();
            }

            state.Subscriptions[subscription.Arn] = subscription;
        }

        if (subscription.PendingConfirmation)
        {
            confirmations.Send(topic, subscription, context.BaseUrl);
        }

        return new JsonObject { ["SubscriptionArn"] = returnArn || !subscription.PendingConfirmation ? subscription.Arn : "pending confirmation" };
    }

    /// <summary>Email always confirms; queues and functions only when another account owns them.</summary>
    private static bool NeedsConfirmation(RequestContext context, string protocol, string endpoint) =>
        protocol is "email" or "email-json" || (protocol == "sqs" && SnsArns.Parse(endpoint)?.Account != context.AccountId);

    private static void ValidateEndpoint(string protocol, string endpoint)
    {
        switch (protocol)
        {
            case "sqs" when SnsArns.Parse(endpoint) is not { Service: "sqs" } queue || queue.Resource.Contains(':', StringComparison.Ordinal):
                throw SnsErrors.InvalidParameter("Invalid parameter: SQS endpoint ARN");
            case "lambda" when SnsArns.Parse(endpoint) is not { Service: "lambda" } function || !function.Resource.StartsWith("function:", StringComparison.Ordinal):
                throw SnsErrors.InvalidParameter("Invalid parameter: Lambda endpoint ARN");
            case "email" or "email-json" when !EmailAddress().IsMatch(endpoint):
                throw SnsErrors.InvalidParameter("Invalid parameter: Email address");
        }
    }

    /// <summary>
    /// ConfirmSubscription with the token SNS sent. Reached signed (the API) or unsigned (the SubscribeURL, as
    /// AWS's link is), so the topic is found from its ARN, not from the caller's account.
    /// </summary>
    public JsonObject ConfirmSubscription(RequestContext context, JsonObject input)
    {
        var topicArn = (string?)input["TopicArn"];
        var token = (string?)input["Token"] ?? string.Empty;
        if (SnsArns.ParseTopic(topicArn) is null || topicArn!.Split(':').Length != 6)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: TopicArn");
        }

        var state = store.ForTopicArn(topicArn)!;
        lock (state.Gate)
        {
            if (!state.Topics.ContainsKey(topicArn))
            {
                throw SnsErrors.TopicNotFound();
            }

            var subscription = state.SubscriptionsOf(topicArn).FirstOrDefault(s => s.Token is not null && s.Token == token)
                ?? throw SnsErrors.InvalidToken();
            if (subscription.PendingConfirmation)
            {
                subscription.PendingConfirmation = false;
                subscription.ConfirmationWasAuthenticated = context.Principal.Type != PrincipalType.Anonymous
                    || string.Equals((string?)input["AuthenticateOnUnsubscribe"], "true", StringComparison.OrdinalIgnoreCase);
            }

            return new JsonObject { ["SubscriptionArn"] = subscription.Arn };
        }
    }

    public JsonObject Unsubscribe(RequestContext context, JsonObject input)
    {
        var arn = (string?)input["SubscriptionArn"];
        if (SnsArns.TopicOfSubscription(arn) is null)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: SubscriptionArn");
        }

        var state = store.ForTopicArn(arn)!;
        lock (state.Gate)
        {
            if (!state.Subscriptions.Remove(arn!))
            {
                throw SnsErrors.SubscriptionNotFound();
            }
        }

        return [];
    }

    public JsonObject ListSubscriptions(RequestContext context, JsonObject input)
    {
        var state = store.Get(context);
        List<JsonObject> all;
        lock (state.Gate)
        {
            all = state.Subscriptions.Values.OrderBy(s => s.Sequence).Select(Listed).ToList();
        }

        return SubscriptionPage(all, (string?)input["NextToken"]);
    }

    public JsonObject ListSubscriptionsByTopic(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTopic(context, (string?)input["TopicArn"]);
        List<JsonObject> all;
        lock (state.Gate)
        {
            all = state.SubscriptionsOf(topic.Arn).Select(Listed).ToList();
        }

        return SubscriptionPage(all, (string?)input["NextToken"]);
    }

    private static JsonObject SubscriptionPage(List<JsonObject> all, string? nextToken)
    {
        var (page, next) = Page(all, nextToken);
        var output = new JsonObject { ["Subscriptions"] = new JsonArray(page.Select(s => (JsonNode)s).ToArray()) };
        if (next is not null)
        {
            output["NextToken"] = next;
        }

        return output;
    }

    private static JsonObject Listed(SnsSubscription s) => new()
    {
        ["SubscriptionArn"] = s.ListedArn,
        ["Owner"] = s.Owner,
        ["Protocol"] = s.Protocol,
        ["Endpoint"] = s.Endpoint,
        ["TopicArn"] = s.TopicArn,
    };

    public JsonObject GetSubscriptionAttributes(RequestContext context, JsonObject input)
    {
        var (state, subscription) = FindSubscription((string?)input["SubscriptionArn"]);
        lock (state.Gate)
        {
            var attributes = new List<KeyValuePair<string, string>>
            {
                new("ConfirmationWasAuthenticated", subscription.ConfirmationWasAuthenticated ? "true" : "false"),
                new("Owner", subscription.Owner),
                new("RawMessageDelivery", subscription.RawMessageDelivery ? "true" : "false"),
                new("TopicArn", subscription.TopicArn),
                new("Endpoint", subscription.Endpoint),
                new("Protocol", subscription.Protocol),
                new("PendingConfirmation", subscription.PendingConfirmation ? "true" : "false"),
                new("SubscriptionArn", subscription.Arn),
            };
            attributes.AddRange(subscription.Attributes.Where(a => a.Key != "RawMessageDelivery"));
            if (subscription.Attributes.ContainsKey("FilterPolicy") && !subscription.Attributes.ContainsKey("FilterPolicyScope"))
            {
                attributes.Add(new("FilterPolicyScope", SnsFilterPolicy.AttributeScope));
            }

            return new JsonObject { ["Attributes"] = AttributeMap(attributes) };
        }
    }

    public JsonObject SetSubscriptionAttributes(RequestContext context, JsonObject input)
    {
        var (state, subscription) = FindSubscription((string?)input["SubscriptionArn"]);
        var attribute = new KeyValuePair<string, string>((string?)input["AttributeName"] ?? string.Empty, (string?)input["AttributeValue"] ?? string.Empty);
        lock (state.Gate)
        {
            ApplySubscriptionAttributes(subscription, [attribute]);
        }

        return [];
    }

    private (SnsState State, SnsSubscription Subscription) FindSubscription(string? arn)
    {
        if (SnsArns.TopicOfSubscription(arn) is null)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: SubscriptionArn");
        }

        var state = store.ForTopicArn(arn)!;
        lock (state.Gate)
        {
            return state.Subscriptions.TryGetValue(arn!, out var subscription) ? (state, subscription) : throw SnsErrors.SubscriptionNotFound();
        }
    }

    /// <summary>Validates and applies attributes in order; the first invalid one throws before it is applied.</summary>
    private static void ApplySubscriptionAttributes(SnsSubscription subscription, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (!SettableSubscriptionAttributes.Contains(name))
            {
                throw SnsErrors.InvalidParameter("Invalid parameter: AttributeName");
            }

            switch (name)
            {
                case "RawMessageDelivery":
                    if (!bool.TryParse(value, out _))
                    {
                        throw SnsErrors.InvalidParameter($"Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [{value}]. Must be true or false."); // [guess]
                    }

                    if (subscription.Protocol is not ("sqs" or "http" or "https" or "firehose"))
                    {
                        throw SnsErrors.InvalidParameter($"Invalid parameter: Delivery protocol [{subscription.Protocol}] does not support raw message delivery."); // [guess]
                    }

                    subscription.Attributes[name] = value.ToLowerInvariant();
                    break;
                case "FilterPolicyScope":
                    if (value is not (SnsFilterPolicy.AttributeScope or SnsFilterPolicy.BodyScope))
                    {
                        throw SnsErrors.InvalidParameter($"Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [{value}]. Please use either MessageBody or MessageAttributes");
                    }

                    if (subscription.Attributes.TryGetValue("FilterPolicy", out var current))
                    {
                        subscription.Filter = SnsFilterPolicy.Parse(current, value);
                    }

                    subscription.Attributes[name] = value;
                    break;
                case "FilterPolicy":
                    if (value.Length == 0)
                    {
                        subscription.Filter = null;
                        subscription.Attributes.Remove(name);
                        break;
                    }

                    if (value.Length > 256 * 1024)
                    {
                        throw SnsErrors.InvalidParameter("Invalid parameter: FilterPolicy: Filter policy is too long"); // [guess]
                    }

                    subscription.Filter = SnsFilterPolicy.Parse(value, subscription.Attributes.GetValueOrDefault("FilterPolicyScope") ?? SnsFilterPolicy.AttributeScope);
                    subscription.Attributes[name] = value;
                    break;
                case "RedrivePolicy":
                    if (value.Length == 0)
                    {
                        subscription.DeadLetterQueueArn = null;
                        subscription.Attributes.Remove(name);
                        break;
                    }

                    subscription.DeadLetterQueueArn = DeadLetterTarget(value);
                    subscription.Attributes[name] = value;
                    break;
                case "DeliveryPolicy" when value.Length > 0 && !IsJsonObject(value):
                    throw SnsErrors.InvalidParameter("Invalid parameter: DeliveryPolicy: failed to parse JSON."); // [guess]
                default:
                    if (value.Length == 0)
                    {
                        subscription.Attributes.Remove(name);
                    }
                    else
                    {
                        subscription.Attributes[name] = value;
                    }

                    break;
            }
        }
    }

    /// <summary>The SQS queue ARN of a RedrivePolicy (<c>{"deadLetterTargetArn":"arn:aws:sqs:…"}</c>).</summary>
    private static string DeadLetterTarget(string redrivePolicy)
    {
        JsonNode? policy;
        try
        {
            policy = JsonNode.Parse(redrivePolicy);
        }
        catch (JsonException)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: RedrivePolicy: failed to parse JSON."); // [guess]
        }

        var arn = policy is JsonObject o && o["deadLetterTargetArn"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return arn is not null && SnsArns.Parse(arn) is { Service: "sqs" } queue && !queue.Resource.Contains(':', StringComparison.Ordinal)
            ? arn
            : throw SnsErrors.InvalidParameter("Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn"); // [guess]
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$")]
    private static partial Regex EmailAddress();
}
