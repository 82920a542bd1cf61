using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::Events::Rule</c>: PutRule with its pattern or schedule, PutTargets (RemoveTargets for dropped ones on
/// update), and RemoveTargets then DeleteRule to delete. Ref is the name (<c>bus|name</c> on a custom bus, as in AWS); GetAtt Arn.
/// </summary>
public sealed class EventsRule : ResourceType
{
    public override string TypeName => "AWS::Events::Rule";

    public override IReadOnlyList<string> Attributes => ["Arn"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "Name", "EventBusName" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("Name") ?? resource.GeneratedName(64);
        var arn = await PutAsync(resource, name, []).ConfigureAwait(false);
        var bus = Bus(resource.Properties);
        return new ProvisionedResource(bus is null or "default" ? name : $"{bus}|{name}", new JsonObject { ["Arn"] = arn });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var arn = await PutAsync(resource, Name(current), TargetIds(previous)).ConfigureAwait(false);
        return current with { Attributes = new JsonObject { ["Arn"] = arn } };
    }

    public override async Task DeleteAsync(ResourceContext resource, ProvisionedResource current)
    {
        var name = Name(current);
        var bus = Bus(resource.Properties);
        var targets = await resource.Call("events", "ListTargetsByRule", WithBus(new JsonObject { ["Rule"] = name }, bus)).ConfigureAwait(false);
        var ids = (targets["Targets"] as JsonArray ?? []).Select(t => t!["Id"]!.DeepClone()).ToArray();
        if (ids.Length > 0)
        {
            await resource.Call("events", "RemoveTargets", WithBus(new JsonObject { ["Rule"] = name, ["Ids"] = new JsonArray(ids) }, bus)).ConfigureAwait(false);
        }

        await resource.Call("events", "DeleteRule", WithBus(new JsonObject { ["Name"] = name }, bus)).ConfigureAwait(false);
    }

    private static async Task<string> PutAsync(ResourceContext resource, string name, IReadOnlyList<string> previousTargets)
    {
        var bus = Bus(resource.Properties);
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["Name"] = name }, "ScheduleExpression", "Description", "RoleArn", "State");
        if (resource.Properties["EventPattern"] is { } pattern)
        {
            input["EventPattern"] = ResourceJson.Document(pattern);
        }

        if (resource.Tags() is { Count: > 0 } tags)
        {
            input["Tags"] = tags;
        }

        var output = await resource.Call("events", "PutRule", WithBus(input, bus)).ConfigureAwait(false);
        var targets = resource.Properties["Targets"] as JsonArray ?? [];
        var removed = previousTargets.Except(targets.Select(t => (string)t!["Id"]!)).ToArray();
        if (removed.Length > 0)
        {
            await resource.Call("events", "RemoveTargets", WithBus(new JsonObject { ["Rule"] = name, ["Ids"] = new JsonArray([.. removed.Select(id => (JsonNode)id)]) }, bus)).ConfigureAwait(false);
        }

        if (targets.Count > 0)
        {
            await resource.Call("events", "PutTargets", WithBus(new JsonObject { ["Rule"] = name, ["Targets"] = targets.DeepClone() }, bus)).ConfigureAwait(false);
        }

        return (string)output["RuleArn"]!;
    }

    private static string? Bus(JsonObject properties) => properties["EventBusName"] is { } bus ? Templates.Intrinsics.Text(bus, "EventBusName") : null;

    private static JsonObject WithBus(JsonObject input, string? bus)
    {
        if (bus is not null)
        {
            input["EventBusName"] = bus;
        }

        return input;
    }

    private static string Name(ProvisionedResource current) => current.PhysicalId.Split('|')[^1];

    private static IReadOnlyList<string> TargetIds(JsonObject properties) =>
        properties["Targets"] is JsonArray targets ? [.. targets.Select(t => (string)t!["Id"]!)] : [];
}
