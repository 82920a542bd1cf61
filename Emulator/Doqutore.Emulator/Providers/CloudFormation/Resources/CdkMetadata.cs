namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::CDK::Metadata</c>: the CDK's analytics resource (construct versions). It is a real type in AWS, where it
/// creates nothing the account can see; here it is accepted and creates nothing.
/// </summary>
public sealed class CdkMetadata : ResourceType
{
    public override string TypeName => "AWS::CDK::Metadata";

    public override IReadOnlyList<string> Attributes => [];

    public override bool UpdatesInPlace => true;

    public override Task<ProvisionedResource> CreateAsync(ResourceContext resource) =>
        Task.FromResult(new ProvisionedResource(resource.StackId.Split('/')[^1], []));

    public override Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, System.Text.Json.Nodes.JsonObject previous) =>
        Task.FromResult(current);

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) => Task.CompletedTask;
}
