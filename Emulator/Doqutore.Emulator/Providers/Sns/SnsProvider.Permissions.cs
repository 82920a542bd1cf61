using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>AddPermission and RemovePermission: statements of the topic policy, identified by their label (Sid).</summary>
internal sealed partial class SnsProvider
{
    /// <summary>The actions AddPermission may grant.</summary>
    private static readonly HashSet<string> GrantableActions = new(StringComparer.Ordinal)
    {
        "Publish", "Subscribe", "Receive", "GetTopicAttributes", "SetTopicAttributes", "AddPermission", "RemovePermission",
        "DeleteTopic", "ListSubscriptionsByTopic", "ListTopics", "ConfirmSubscription", "ListSubscriptions",
        "GetSubscriptionAttributes", "SetSubscriptionAttributes", "Unsubscribe", "CreateTopic", "*",
    };

    public JsonObject AddPermission(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTopic(context, (string?)input["TopicArn"]);
        var label = (string?)input["Label"] ?? string.Empty;
        var accounts = (input["AWSAccountId"] as JsonArray ?? []).Select(a => (string?)a ?? string.Empty).ToList();
        var actions = (input["ActionName"] as JsonArray ?? []).Select(a => (string?)a ?? string.Empty).ToList();
        if (label.Length == 0 || accounts.Count == 0 || actions.Count == 0)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Label, AWSAccountId and ActionName are required"); // [guess]
        }

        if (actions.Any(a => !GrantableActions.Contains(a)))
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Policy statement action out of service scope!");
        }

        lock (state.Gate)
        {
            var policy = JsonNode.Parse(topic.Policy)!.AsObject();
            var statements = policy["Statement"] as JsonArray ?? [];
            if (statements.OfType<JsonObject>().Any(s => (string?)s["Sid"] == label))
            {
                throw SnsErrors.InvalidParameter("Invalid parameter: Statement already exists");
            }

            JsonNode Principals() => accounts.Count == 1
                ? JsonValue.Create(Principal(accounts[0]))
                : new JsonArray(accounts.Select(a => (JsonNode?)JsonValue.Create(Principal(a))).ToArray());
            JsonNode Actions() => actions.Count == 1
                ? JsonValue.Create($"SNS:{actions[0]}")
                : new JsonArray(actions.Select(a => (JsonNode?)JsonValue.Create($"SNS:{a}")).ToArray());
            statements.Add(new JsonObject
            {
                ["Sid"] = label,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = Principals() },
                ["Action"] = Actions(),
                ["Resource"] = topic.Arn,
            });
            policy["Statement"] = statements;
            topic.Attributes["Policy"] = policy.ToJsonString();
        }

        return [];
    }

    public JsonObject RemovePermission(RequestContext context, JsonObject input)
    {
        var (state, topic) = FindTopic(context, (string?)input["TopicArn"]);
        var label = (string?)input["Label"] ?? string.Empty;
        lock (state.Gate)
        {
            var policy = JsonNode.Parse(topic.Policy)!.AsObject();
            if (policy["Statement"] is not JsonArray statements || statements.OfType<JsonObject>().FirstOrDefault(s => (string?)s["Sid"] == label) is not { } statement)
            {
                // [guess] AWS answers success for an unknown label.
                return [];
            }

            statements.Remove(statement);
            topic.Attributes["Policy"] = policy.ToJsonString();
        }

        return [];
    }

    /// <summary>AWS writes account principals as root ARNs in the policy.</summary>
    private static string Principal(string account) =>
        account.Length == 12 && account.All(char.IsAsciiDigit) ? $"arn:aws:iam::{account}:root" : account;
}
