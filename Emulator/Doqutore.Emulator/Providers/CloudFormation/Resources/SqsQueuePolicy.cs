using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary><c>AWS::SQS::QueuePolicy</c>: the Policy attribute of each queue (SetQueueAttributes); deleting it clears the policy. Ref is a generated id.</summary>
public sealed class SqsQueuePolicy : ResourceType
{
    public override string TypeName => "AWS::SQS::QueuePolicy";

    public override IReadOnlyList<string> Attributes => ["Id"];

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        await SetAsync(resource, ResourceJson.Strings(resource.Properties["Queues"]), ResourceJson.Document(resource.Node("PolicyDocument"))!).ConfigureAwait(false);
        var id = resource.GeneratedName(256);
        return new ProvisionedResource(id, new JsonObject { ["Id"] = id });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var queues = ResourceJson.Strings(resource.Properties["Queues"]);
        await SetAsync(resource, queues, ResourceJson.Document(resource.Node("PolicyDocument"))!).ConfigureAwait(false);
        await SetAsync(resource, ResourceJson.Strings(previous["Queues"]).Except(queues), string.Empty).ConfigureAwait(false);
        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        SetAsync(resource, ResourceJson.Strings(resource.Properties["Queues"]), string.Empty);

    private static async Task SetAsync(ResourceContext resource, IEnumerable<string> queues, string policy)
    {
        foreach (var queue in queues)
        {
            await resource.Call("sqs", "SetQueueAttributes", new JsonObject { ["QueueUrl"] = queue, ["Attributes"] = new JsonObject { ["Policy"] = policy } }).ConfigureAwait(false);
        }
    }
}
