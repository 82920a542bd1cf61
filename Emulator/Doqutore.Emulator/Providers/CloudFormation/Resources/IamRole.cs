using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::IAM::Role</c>: CreateRole with its inline <c>Policies</c> (PutRolePolicy), <c>ManagedPolicyArns</c>
/// (AttachRolePolicy) and boundary; updated in place with UpdateAssumeRolePolicy, UpdateRole and the policy
/// differences; deleted after its policies are removed, as IAM requires. Ref is the name; GetAtt Arn, RoleId.
/// </summary>
public sealed class IamRole : ResourceType
{
    public override string TypeName => "AWS::IAM::Role";

    public override IReadOnlyList<string> Attributes => ["Arn", "RoleId"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "RoleName", "Path" };

    public override bool UpdatesInPlace => true;

    public override (bool Iam, string? NameProperty) Capability => (true, "RoleName");

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("RoleName") ?? resource.GeneratedName(64);
        var input = ResourceJson.Copy(resource.Properties, new JsonObject { ["RoleName"] = name }, "Path", "Description", "MaxSessionDuration", "PermissionsBoundary");
        input["AssumeRolePolicyDocument"] = ResourceJson.Document(resource.Node("AssumeRolePolicyDocument"));
        if (resource.Tags() is { Count: > 0 } tags)
        {
            input["Tags"] = tags;
        }

        var role = (JsonObject)(await resource.Call("iam", "CreateRole", input).ConfigureAwait(false))["Role"]!;
        await SyncPoliciesAsync(resource, name, [], []).ConfigureAwait(false);
        return new ProvisionedResource(name, new JsonObject { ["Arn"] = role["Arn"]?.DeepClone(), ["RoleId"] = role["RoleId"]?.DeepClone() });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var name = current.PhysicalId;
        if (ResourceJson.Changed(resource.Properties, previous, "AssumeRolePolicyDocument"))
        {
            await resource.Call("iam", "UpdateAssumeRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyDocument"] = ResourceJson.Document(resource.Node("AssumeRolePolicyDocument")) }).ConfigureAwait(false);
        }

        if (ResourceJson.Changed(resource.Properties, previous, "Description") || ResourceJson.Changed(resource.Properties, previous, "MaxSessionDuration"))
        {
            await resource.Call("iam", "UpdateRole", ResourceJson.Copy(resource.Properties, new JsonObject { ["RoleName"] = name, ["Description"] = resource.Text("Description") ?? string.Empty }, "MaxSessionDuration")).ConfigureAwait(false);
        }

        if (ResourceJson.Changed(resource.Properties, previous, "PermissionsBoundary"))
        {
            await (resource.Text("PermissionsBoundary") is { } boundary
                ? resource.Call("iam", "PutRolePermissionsBoundary", new JsonObject { ["RoleName"] = name, ["PermissionsBoundary"] = boundary })
                : resource.Call("iam", "DeleteRolePermissionsBoundary", new JsonObject { ["RoleName"] = name })).ConfigureAwait(false);
        }

        await SyncPoliciesAsync(resource, name, InlineNames(previous["Policies"]), ResourceJson.Strings(previous["ManagedPolicyArns"])).ConfigureAwait(false);
        return current;
    }

    public override async Task DeleteAsync(ResourceContext resource, ProvisionedResource current)
    {
        var name = current.PhysicalId;
        var attached = await resource.Call("iam", "ListAttachedRolePolicies", new JsonObject { ["RoleName"] = name }).ConfigureAwait(false);
        foreach (var policy in attached["AttachedPolicies"] as JsonArray ?? [])
        {
            await resource.Call("iam", "DetachRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyArn"] = policy!["PolicyArn"]!.DeepClone() }).ConfigureAwait(false);
        }

        var inline = await resource.Call("iam", "ListRolePolicies", new JsonObject { ["RoleName"] = name }).ConfigureAwait(false);
        foreach (var policyName in inline["PolicyNames"] as JsonArray ?? [])
        {
            await resource.Call("iam", "DeleteRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyName"] = policyName!.DeepClone() }).ConfigureAwait(false);
        }

        await resource.Call("iam", "DeleteRole", new JsonObject { ["RoleName"] = name }).ConfigureAwait(false);
    }

    /// <summary>Puts the template's inline and managed policies and removes those only <paramref name="oldInline"/>/<paramref name="oldManaged"/> had.</summary>
    private static async Task SyncPoliciesAsync(ResourceContext resource, string name, IReadOnlyList<string> oldInline, IReadOnlyList<string> oldManaged)
    {
        var inline = resource.Properties["Policies"] as JsonArray ?? [];
        foreach (var policy in inline)
        {
            await resource.Call("iam", "PutRolePolicy", new JsonObject
            {
                ["RoleName"] = name,
                ["PolicyName"] = policy!["PolicyName"]!.DeepClone(),
                ["PolicyDocument"] = ResourceJson.Document(policy["PolicyDocument"]),
            }).ConfigureAwait(false);
        }

        foreach (var removed in oldInline.Except(InlineNames(inline)))
        {
            await resource.Call("iam", "DeleteRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyName"] = removed }).ConfigureAwait(false);
        }

        var managed = ResourceJson.Strings(resource.Properties["ManagedPolicyArns"]);
        foreach (var arn in managed.Except(oldManaged))
        {
            await resource.Call("iam", "AttachRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyArn"] = arn }).ConfigureAwait(false);
        }

        foreach (var arn in oldManaged.Except(managed))
        {
            await resource.Call("iam", "DetachRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyArn"] = arn }).ConfigureAwait(false);
        }
    }

    private static IReadOnlyList<string> InlineNames(JsonNode? policies) =>
        policies is JsonArray list ? [.. list.Select(p => (string)p!["PolicyName"]!)] : [];
}
