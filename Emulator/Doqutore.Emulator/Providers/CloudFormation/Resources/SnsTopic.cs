using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::SNS::Topic</c>: CreateTopic with its attributes, tags and inline <c>Subscription</c> list (Subscribe);
/// SetTopicAttributes on update; DeleteTopic. Ref is the ARN; GetAtt TopicArn, TopicName.
/// </summary>
public sealed class SnsTopic : ResourceType
{
    private static readonly string[] TopicAttributes = ["DisplayName", "KmsMasterKeyId", "ContentBasedDeduplication", "SignatureVersion", "TracingConfig"];

    public override string TypeName => "AWS::SNS::Topic";

    public override IReadOnlyList<string> Attributes => ["TopicArn", "TopicName"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "TopicName", "FifoTopic", "Subscription" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var fifo = resource.Text("FifoTopic") == "true";
        var name = resource.Text("TopicName") ?? resource.GeneratedName(fifo ? 251 : 256) + (fifo ? ".fifo" : string.Empty);
        var attributes = new JsonObject();
        foreach (var attribute in TopicAttributes.Append("FifoTopic"))
        {
            if (resource.Properties[attribute] is { } value)
            {
                attributes[attribute] = Templates.Intrinsics.Text(value, attribute);
            }
        }

        var input = new JsonObject { ["Name"] = name, ["Attributes"] = attributes };
        if (resource.Tags() is { Count: > 0 } tags)
        {
            input["Tags"] = tags;
        }

        var arn = (string)(await resource.Call("sns", "CreateTopic", input).ConfigureAwait(false))["TopicArn"]!;
        foreach (var subscription in resource.Properties["Subscription"] as JsonArray ?? [])
        {
            await resource.Call("sns", "Subscribe", new JsonObject { ["TopicArn"] = arn, ["Protocol"] = subscription!["Protocol"]!.DeepClone(), ["Endpoint"] = subscription["Endpoint"]?.DeepClone() }).ConfigureAwait(false);
        }

        return new ProvisionedResource(arn, new JsonObject { ["TopicArn"] = arn, ["TopicName"] = name });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        foreach (var attribute in TopicAttributes.Where(a => ResourceJson.Changed(resource.Properties, previous, a)))
        {
            await resource.Call("sns", "SetTopicAttributes", new JsonObject
            {
                ["TopicArn"] = current.PhysicalId,
                ["AttributeName"] = attribute,
                ["AttributeValue"] = resource.Properties[attribute] is { } value ? Templates.Intrinsics.Text(value, attribute) : string.Empty,
            }).ConfigureAwait(false);
        }

        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("sns", "DeleteTopic", new JsonObject { ["TopicArn"] = current.PhysicalId });
}
