using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.Sns;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::SNS::TopicPolicy</c>: SetTopicAttributes Policy on each topic; deleting it puts back the topic's default
/// policy, as AWS does. Ref is a generated id.
/// </summary>
public sealed class SnsTopicPolicy : ResourceType
{
    public override string TypeName => "AWS::SNS::TopicPolicy";

    public override IReadOnlyList<string> Attributes => ["Id"];

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        await SetAsync(resource, ResourceJson.Strings(resource.Properties["Topics"])).ConfigureAwait(false);
        var id = resource.GeneratedName(256);
        return new ProvisionedResource(id, new JsonObject { ["Id"] = id });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var topics = ResourceJson.Strings(resource.Properties["Topics"]);
        await SetAsync(resource, topics).ConfigureAwait(false);
        await ResetAsync(resource, ResourceJson.Strings(previous["Topics"]).Except(topics)).ConfigureAwait(false);
        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        ResetAsync(resource, ResourceJson.Strings(resource.Properties["Topics"]));

    private static async Task SetAsync(ResourceContext resource, IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            await resource.Call("sns", "SetTopicAttributes", new JsonObject { ["TopicArn"] = topic, ["AttributeName"] = "Policy", ["AttributeValue"] = ResourceJson.Document(resource.Node("PolicyDocument")) }).ConfigureAwait(false);
        }
    }

    private static async Task ResetAsync(ResourceContext resource, IEnumerable<string> topics)
    {
        foreach (var topic in topics)
        {
            await resource.Call("sns", "SetTopicAttributes", new JsonObject { ["TopicArn"] = topic, ["AttributeName"] = "Policy", ["AttributeValue"] = SnsTopicPolicies.Default(topic, resource.AccountId) }).ConfigureAwait(false);
        }
    }
}
