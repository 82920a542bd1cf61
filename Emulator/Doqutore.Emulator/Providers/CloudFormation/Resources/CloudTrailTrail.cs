using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::CloudTrail::Trail</c>: CreateTrail, event selectors, StartLogging when <c>IsLogging</c>; UpdateTrail,
/// selectors and Start/StopLogging on update; DeleteTrail. Ref is the name; GetAtt Arn, SnsTopicArn.
/// </summary>
public sealed class CloudTrailTrail : ResourceType
{
    private static readonly string[] TrailSettings =
    [
        "S3BucketName", "S3KeyPrefix", "SnsTopicName", "IncludeGlobalServiceEvents", "IsMultiRegionTrail", "EnableLogFileValidation",
        "CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn", "KMSKeyId", "IsOrganizationTrail",
    ];

    public override string TypeName => "AWS::CloudTrail::Trail";

    public override IReadOnlyList<string> Attributes => ["Arn", "SnsTopicArn"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "TrailName" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("TrailName") ?? resource.GeneratedName(128);
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["Name"] = name }, TrailSettings);
        if (resource.Tags() is { Count: > 0 } tags)
        {
            input["TagsList"] = tags;
        }

        var trail = await resource.Call("cloudtrail", "CreateTrail", input).ConfigureAwait(false);
        await ApplySelectorsAsync(resource, name).ConfigureAwait(false);
        if (resource.Text("IsLogging") == "true")
        {
            await resource.Call("cloudtrail", "StartLogging", new JsonObject { ["Name"] = name }).ConfigureAwait(false);
        }

        return new ProvisionedResource(name, AttributesOf(trail));
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var name = current.PhysicalId;
        var trail = TrailSettings.Any(s => ResourceJson.Changed(resource.Properties, previous, s))
            ? await resource.Call("cloudtrail", "UpdateTrail", ResourceJson.Copy(resource.Properties, new JsonObject { ["Name"] = name }, TrailSettings)).ConfigureAwait(false)
            : null;
        if (ResourceJson.Changed(resource.Properties, previous, "EventSelectors") || ResourceJson.Changed(resource.Properties, previous, "AdvancedEventSelectors"))
        {
            await ApplySelectorsAsync(resource, name).ConfigureAwait(false);
        }

        if (ResourceJson.Changed(resource.Properties, previous, "IsLogging"))
        {
            await resource.Call("cloudtrail", resource.Text("IsLogging") == "true" ? "StartLogging" : "StopLogging", new JsonObject { ["Name"] = name }).ConfigureAwait(false);
        }

        return trail is null ? current : current with { Attributes = AttributesOf(trail) };
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("cloudtrail", "DeleteTrail", new JsonObject { ["Name"] = current.PhysicalId });

    private static async Task ApplySelectorsAsync(ResourceContext resource, string name)
    {
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["TrailName"] = name }, "EventSelectors", "AdvancedEventSelectors");
        if (input.Count > 1)
        {
            await resource.Call("cloudtrail", "PutEventSelectors", input).ConfigureAwait(false);
        }
    }

    private static JsonObject AttributesOf(JsonObject trail) => new()
    {
        ["Arn"] = trail["TrailARN"]?.DeepClone(),
        ["SnsTopicArn"] = trail["SnsTopicARN"]?.DeepClone(),
    };
}
