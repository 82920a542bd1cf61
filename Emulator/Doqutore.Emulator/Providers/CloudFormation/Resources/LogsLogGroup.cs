using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::Logs::LogGroup</c>: CreateLogGroup, PutRetentionPolicy (DeleteRetentionPolicy when the retention is
/// removed), DeleteLogGroup. Ref is the name; GetAtt Arn is the group ARN with <c>:*</c>, as CloudFormation gives it.
/// </summary>
public sealed class LogsLogGroup : ResourceType
{
    public override string TypeName => "AWS::Logs::LogGroup";

    public override IReadOnlyList<string> Attributes => ["Arn"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "LogGroupName", "LogGroupClass", "KmsKeyId" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("LogGroupName") ?? resource.GeneratedName(512);
        var input = new JsonObject { ["logGroupName"] = name };
        if (resource.Text("KmsKeyId") is { } key)
        {
            input["kmsKeyId"] = key;
        }

        if (resource.Text("LogGroupClass") is { } groupClass)
        {
            input["logGroupClass"] = groupClass;
        }

        if (ResourceJson.TagMap(resource.Tags()) is { } tags)
        {
            input["tags"] = tags;
        }

        await resource.Call("logs", "CreateLogGroup", input).ConfigureAwait(false);
        if (resource.Properties["RetentionInDays"] is not null)
        {
            await ApplyRetentionAsync(resource, name).ConfigureAwait(false);
        }

        return new ProvisionedResource(name, new JsonObject { ["Arn"] = $"arn:aws:logs:{resource.Region}:{resource.AccountId}:log-group:{name}:*" });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        if (ResourceJson.Changed(resource.Properties, previous, "RetentionInDays"))
        {
            await ApplyRetentionAsync(resource, current.PhysicalId).ConfigureAwait(false);
        }

        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("logs", "DeleteLogGroup", new JsonObject { ["logGroupName"] = current.PhysicalId });

    private static Task<JsonObject> ApplyRetentionAsync(ResourceContext resource, string name) =>
        resource.Properties["RetentionInDays"] is { } days
            ? resource.Call("logs", "PutRetentionPolicy", new JsonObject { ["logGroupName"] = name, ["retentionInDays"] = days.DeepClone() })
            : resource.Call("logs", "DeleteRetentionPolicy", new JsonObject { ["logGroupName"] = name });
}
