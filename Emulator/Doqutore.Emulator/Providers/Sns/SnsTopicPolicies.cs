using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Topic policies (the <c>Policy</c> attribute) as resource policies of <c>sns:*</c> actions on topic ARNs,
/// for gateway calls and for services publishing through <see cref="Delivery.ITopicPublisher"/>.
/// </summary>
internal sealed class SnsTopicPolicies(SnsStore store) : IResourcePolicySource
{
    public ResourcePolicy? Find(string accountId, string action, string resourceArn)
    {
        if (!action.StartsWith("sns:", StringComparison.OrdinalIgnoreCase) || store.ForTopicArn(resourceArn) is not { } state)
        {
            return null;
        }

        lock (state.Gate)
        {
            return state.Topics.TryGetValue(resourceArn, out var topic) ? new ResourcePolicy(topic.Policy, IsRoleTrust: false) : null;
        }
    }

    /// <summary>
    /// The policy AWS gives a new topic: the owner account's principals may administer, subscribe to and
    /// publish to it (<c>AWS:SourceOwner</c> condition), nobody else.
    /// </summary>
    public static string Default(string topicArn, string owner) => new JsonObject
    {
        ["Version"] = "2008-10-17",
        ["Id"] = "__default_policy_ID",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "__default_statement_ID",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = "*" },
            ["Action"] = new JsonArray(
                "SNS:GetTopicAttributes",
                "SNS:SetTopicAttributes",
                "SNS:AddPermission",
                "SNS:RemovePermission",
                "SNS:DeleteTopic",
                "SNS:Subscribe",
                "SNS:ListSubscriptionsByTopic",
                "SNS:Publish"),
            ["Resource"] = topicArn,
            ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["AWS:SourceOwner"] = owner } },
        }),
    }.ToJsonString();
}
