using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::SNS::Subscription</c>: Subscribe with its attributes (filter policy, raw delivery, redrive policy);
/// SetSubscriptionAttributes on update; Unsubscribe. Ref is the subscription ARN.
/// </summary>
public sealed class SnsSubscription : ResourceType
{
    private static readonly string[] SubscriptionAttributes = ["FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "DeliveryPolicy"];

    public override string TypeName => "AWS::SNS::Subscription";

    public override IReadOnlyList<string> Attributes => ["Arn"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "TopicArn", "Protocol", "Endpoint", "Region" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var attributes = new JsonObject();
        foreach (var attribute in SubscriptionAttributes)
        {
            if (Value(resource.Properties, attribute) is { } value)
            {
                attributes[attribute] = value;
            }
        }

        var output = await resource.Call("sns", "Subscribe", new JsonObject
        {
            ["TopicArn"] = resource.Required("TopicArn"),
            ["Protocol"] = resource.Required("Protocol"),
            ["Endpoint"] = resource.Text("Endpoint"),
            ["Attributes"] = attributes,
            ["ReturnSubscriptionArn"] = true,
        }).ConfigureAwait(false);
        var arn = (string)output["SubscriptionArn"]!;
        return new ProvisionedResource(arn, new JsonObject { ["Arn"] = arn });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        foreach (var attribute in SubscriptionAttributes.Where(a => ResourceJson.Changed(resource.Properties, previous, a)))
        {
            await resource.Call("sns", "SetSubscriptionAttributes", new JsonObject
            {
                ["SubscriptionArn"] = current.PhysicalId,
                ["AttributeName"] = attribute,
                ["AttributeValue"] = Value(resource.Properties, attribute) ?? string.Empty,
            }).ConfigureAwait(false);
        }

        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("sns", "Unsubscribe", new JsonObject { ["SubscriptionArn"] = current.PhysicalId });

    private static string? Value(JsonObject properties, string name) => properties[name] switch
    {
        null => null,
        JsonObject document => document.ToJsonString(),
        var scalar => Templates.Intrinsics.Text(scalar, name),
    };
}
