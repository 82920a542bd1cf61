using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::IAM::Policy</c>: an inline policy put on each of its roles, users and groups (PutRolePolicy,
/// PutUserPolicy, PutGroupPolicy). Ref is a generated id, as in AWS.
/// </summary>
public sealed class IamPolicy : ResourceType
{
    public override string TypeName => "AWS::IAM::Policy";

    public override IReadOnlyList<string> Attributes => ["Id"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "PolicyName" };

    public override bool UpdatesInPlace => true;

    public override (bool Iam, string? NameProperty) Capability => (true, null);

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        await PutAsync(resource, IamPolicyAttachments.Of(resource.Properties).All).ConfigureAwait(false);
        var id = resource.GeneratedName(64);
        return new ProvisionedResource(id, new JsonObject { ["Id"] = id });
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        var now = IamPolicyAttachments.Of(resource.Properties);
        await PutAsync(resource, now.All).ConfigureAwait(false);
        await RemoveAsync(resource, (string)previous["PolicyName"]!, IamPolicyAttachments.Of(previous).Except(now)).ConfigureAwait(false);
        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        RemoveAsync(resource, resource.Required("PolicyName"), IamPolicyAttachments.Of(resource.Properties).All);

    private static async Task PutAsync(ResourceContext resource, IEnumerable<(string Kind, string Name)> targets)
    {
        foreach (var (kind, name) in targets)
        {
            await resource.Call("iam", $"Put{kind}Policy", new JsonObject
            {
                [$"{kind}Name"] = name,
                ["PolicyName"] = resource.Required("PolicyName"),
                ["PolicyDocument"] = ResourceJson.Document(resource.Node("PolicyDocument")),
            }).ConfigureAwait(false);
        }
    }

    private static async Task RemoveAsync(ResourceContext resource, string policyName, IEnumerable<(string Kind, string Name)> targets)
    {
        foreach (var (kind, name) in targets)
        {
            await resource.Call("iam", $"Delete{kind}Policy", new JsonObject { [$"{kind}Name"] = name, ["PolicyName"] = policyName }).ConfigureAwait(false);
        }
    }
}
