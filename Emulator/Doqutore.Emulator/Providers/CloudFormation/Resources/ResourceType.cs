using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>A resource as created: its physical id (what <c>Ref</c> returns) and the attributes <c>Fn::GetAtt</c> reads.</summary>
public sealed record ProvisionedResource(string PhysicalId, JsonObject Attributes);

/// <summary>
/// One CloudFormation resource type (<c>AWS::SQS::Queue</c>), created, updated and deleted through the service's own
/// AWS operations as the stack's principal (<see cref="ResourceContext.Call"/>). A type that does not override
/// <see cref="UpdateAsync"/> replaces the resource on every change; <see cref="ReplaceOn"/> names the properties
/// whose change needs a new resource even where updates are in place (names, key schemas), as AWS's resource
/// reference documents "Update requires: Replacement".
/// </summary>
public abstract class ResourceType
{
    public abstract string TypeName { get; }

    /// <summary>The attributes <c>Fn::GetAtt</c> accepts.</summary>
    public abstract IReadOnlyList<string> Attributes { get; }

    /// <summary>Properties whose change replaces the resource.</summary>
    public virtual IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string>();

    /// <summary>Whether changes other than <see cref="ReplaceOn"/> are applied in place.</summary>
    public virtual bool UpdatesInPlace => false;

    /// <summary>Whether this type names IAM resources (CreateStack needs CAPABILITY_IAM), and the property that names one (CAPABILITY_NAMED_IAM).</summary>
    public virtual (bool Iam, string? NameProperty) Capability => (false, null);

    public abstract Task<ProvisionedResource> CreateAsync(ResourceContext resource);

    /// <summary>Applies <see cref="ResourceContext.Properties"/> to <paramref name="current"/>, whose properties were <paramref name="previous"/>.</summary>
    public virtual Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous) =>
        throw new NotSupportedException($"{TypeName} is replaced, not updated in place.");

    public abstract Task DeleteAsync(ResourceContext resource, ProvisionedResource current);
}
