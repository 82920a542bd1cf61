using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::SQS::Queue</c>: CreateQueue with its attributes and tags, SetQueueAttributes on update, DeleteQueue.
/// Ref is the queue URL; GetAtt Arn, QueueName, QueueUrl.
/// </summary>
public sealed class SqsQueue : ResourceType
{
    private static readonly string[] QueueAttributes =
    [
        "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout",
        "RedrivePolicy", "RedriveAllowPolicy", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
        "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled",
    ];

    public override string TypeName => "AWS::SQS::Queue";

    public override IReadOnlyList<string> Attributes => ["Arn", "QueueName", "QueueUrl"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "QueueName", "FifoQueue" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var fifo = resource.Text("FifoQueue") == "true";
        var name = resource.Text("QueueName") ?? resource.GeneratedName(fifo ? 75 : 80) + (fifo ? ".fifo" : string.Empty);
        var attributes = QueueAttributesOf(resource.Properties, QueueAttributes);
        if (fifo)
        {
            attributes["FifoQueue"] = "true";
        }

        var input = new JsonObject { ["QueueName"] = name, ["Attributes"] = attributes };
        if (ResourceJson.TagMap(resource.Tags()) is { } tags)
        {
            input["tags"] = tags;
        }

        var url = (string)(await resource.Call("sqs", "CreateQueue", input).ConfigureAwait(false))["QueueUrl"]!;
        return new ProvisionedResource(url, new JsonObject
        {
            ["Arn"] = $"arn:aws:sqs:{resource.Region}:{resource.AccountId}:{name}",
            ["QueueName"] = name,
            ["QueueUrl"] = url,
        });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var changed = QueueAttributes.Where(a => ResourceJson.Changed(resource.Properties, previous, a)).ToArray();
        if (changed.Length > 0)
        {
            var attributes = QueueAttributesOf(resource.Properties, changed);
            foreach (var removed in changed.Where(a => resource.Properties[a] is null))
            {
                // A property taken out of the template goes back to SQS's default [guess: AWS resets it the same way].
                attributes[removed] = removed is "RedrivePolicy" or "RedriveAllowPolicy" or "KmsMasterKeyId" ? string.Empty : Defaults.GetValueOrDefault(removed, string.Empty);
            }

            await resource.Call("sqs", "SetQueueAttributes", new JsonObject { ["QueueUrl"] = current.PhysicalId, ["Attributes"] = attributes }).ConfigureAwait(false);
        }

        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("sqs", "DeleteQueue", new JsonObject { ["QueueUrl"] = current.PhysicalId });

    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["DelaySeconds"] = "0",
        ["MaximumMessageSize"] = "262144",
        ["MessageRetentionPeriod"] = "345600",
        ["ReceiveMessageWaitTimeSeconds"] = "0",
        ["VisibilityTimeout"] = "30",
    };

    private static JsonObject QueueAttributesOf(JsonObject properties, IEnumerable<string> names)
    {
        var attributes = new JsonObject();
        foreach (var name in names)
        {
            if (properties[name] is { } value)
            {
                attributes[name] = value is JsonObject document ? document.ToJsonString() : Templates.Intrinsics.Text(value, name);
            }
        }

        return attributes;
    }
}
