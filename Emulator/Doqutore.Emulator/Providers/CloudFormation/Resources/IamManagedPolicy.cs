using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::IAM::ManagedPolicy</c>: CreatePolicy and attachments; a changed document becomes a new default version
/// (CreatePolicyVersion, the oldest non-default version deleted first when five exist). Ref is the ARN.
/// </summary>
public sealed class IamManagedPolicy : ResourceType
{
    public override string TypeName => "AWS::IAM::ManagedPolicy";

    public override IReadOnlyList<string> Attributes => ["PolicyArn", "PolicyId", "DefaultVersionId", "AttachmentCount", "CreateDate", "UpdateDate", "IsAttachable", "PermissionsBoundaryUsageCount"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "ManagedPolicyName", "Path", "Description" };

    public override bool UpdatesInPlace => true;

    public override (bool Iam, string? NameProperty) Capability => (true, "ManagedPolicyName");

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var input = ResourceJson.Copy(resource.Properties, new JsonObject
        {
            ["PolicyName"] = resource.Text("ManagedPolicyName") ?? resource.GeneratedName(128),
            ["PolicyDocument"] = ResourceJson.Document(resource.Node("PolicyDocument")),
        }, "Path", "Description");
        var policy = (JsonObject)(await resource.Call("iam", "CreatePolicy", input).ConfigureAwait(false))["Policy"]!;
        var arn = (string)policy["Arn"]!;
        await AttachAsync(resource, arn, "Attach", IamPolicyAttachments.Of(resource.Properties).All).ConfigureAwait(false);
        return new ProvisionedResource(arn, AttributesOf(policy));
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var arn = current.PhysicalId;
        if (ResourceJson.Changed(resource.Properties, previous, "PolicyDocument"))
        {
            var versions = await resource.Call("iam", "ListPolicyVersions", new JsonObject { ["PolicyArn"] = arn }).ConfigureAwait(false);
            var old = (versions["Versions"] as JsonArray ?? []).Where(v => v?["IsDefaultVersion"]?.GetValue<bool>() != true).ToList();
            if (old.Count >= 4)
            {
                await resource.Call("iam", "DeletePolicyVersion", new JsonObject { ["PolicyArn"] = arn, ["VersionId"] = old[^1]!["VersionId"]!.DeepClone() }).ConfigureAwait(false);
            }

            await resource.Call("iam", "CreatePolicyVersion", new JsonObject { ["PolicyArn"] = arn, ["PolicyDocument"] = ResourceJson.Document(resource.Node("PolicyDocument")), ["SetAsDefault"] = true }).ConfigureAwait(false);
        }

        var now = IamPolicyAttachments.Of(resource.Properties);
        var before = IamPolicyAttachments.Of(previous);
        await AttachAsync(resource, arn, "Attach", now.Except(before)).ConfigureAwait(false);
        await AttachAsync(resource, arn, "Detach", before.Except(now)).ConfigureAwait(false);
        var policy = (JsonObject)(await resource.Call("iam", "GetPolicy", new JsonObject { ["PolicyArn"] = arn }).ConfigureAwait(false))["Policy"]!;
        return new ProvisionedResource(arn, AttributesOf(policy));
    }

    public override async Task DeleteAsync(ResourceContext resource, ProvisionedResource current)
    {
        var arn = current.PhysicalId;
        await AttachAsync(resource, arn, "Detach", IamPolicyAttachments.Of(resource.Properties).All).ConfigureAwait(false);
        var versions = await resource.Call("iam", "ListPolicyVersions", new JsonObject { ["PolicyArn"] = arn }).ConfigureAwait(false);
        foreach (var version in (versions["Versions"] as JsonArray ?? []).Where(v => v?["IsDefaultVersion"]?.GetValue<bool>() != true))
        {
            await resource.Call("iam", "DeletePolicyVersion", new JsonObject { ["PolicyArn"] = arn, ["VersionId"] = version!["VersionId"]!.DeepClone() }).ConfigureAwait(false);
        }

        await resource.Call("iam", "DeletePolicy", new JsonObject { ["PolicyArn"] = arn }).ConfigureAwait(false);
    }

    private static async Task AttachAsync(ResourceContext resource, string arn, string verb, IEnumerable<(string Kind, string Name)> targets)
    {
        foreach (var (kind, name) in targets)
        {
            await resource.Call("iam", $"{verb}{kind}Policy", new JsonObject { [$"{kind}Name"] = name, ["PolicyArn"] = arn }).ConfigureAwait(false);
        }
    }

    private static JsonObject AttributesOf(JsonObject policy) => new()
    {
        ["PolicyArn"] = policy["Arn"]?.DeepClone(),
        ["PolicyId"] = policy["PolicyId"]?.DeepClone(),
        ["DefaultVersionId"] = policy["DefaultVersionId"]?.DeepClone(),
        ["AttachmentCount"] = policy["AttachmentCount"]?.DeepClone(),
        ["CreateDate"] = policy["CreateDate"]?.ToString(),
        ["UpdateDate"] = policy["UpdateDate"]?.ToString(),
        ["IsAttachable"] = policy["IsAttachable"]?.DeepClone(),
        ["PermissionsBoundaryUsageCount"] = policy["PermissionsBoundaryUsageCount"]?.DeepClone(),
    };
}
