using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary>
/// <c>AWS::S3::Bucket</c>: CreateBucket (and PutBucketVersioning for <c>VersioningConfiguration</c>). Ref is the name.
/// Properties S3 here has no operation for (encryption, public access block, lifecycle, tags) are accepted without
/// effect [gap: the S3 provider lacks their operations].
/// </summary>
public sealed class S3Bucket : ResourceType
{
    public override string TypeName => "AWS::S3::Bucket";

    public override IReadOnlyList<string> Attributes => ["Arn", "DomainName", "RegionalDomainName", "DualStackDomainName", "WebsiteURL"];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "BucketName", "ObjectLockEnabled" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var name = resource.Text("BucketName") ?? resource.GeneratedName(63, lowercase: true);
        var input = new JsonObject { ["Bucket"] = name };
        if (resource.Region != "us-east-1")
        {
            input["CreateBucketConfiguration"] = new JsonObject { ["LocationConstraint"] = resource.Region };
        }

        await resource.Call("s3", "CreateBucket", input).ConfigureAwait(false);
        await ApplyVersioningAsync(resource, name).ConfigureAwait(false);
        return Provisioned(resource, name);
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        if (ResourceJson.Changed(resource.Properties, previous, "VersioningConfiguration"))
        {
            await ApplyVersioningAsync(resource, current.PhysicalId).ConfigureAwait(false);
        }

        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("s3", "DeleteBucket", new JsonObject { ["Bucket"] = current.PhysicalId });

    private static async Task ApplyVersioningAsync(ResourceContext resource, string name)
    {
        if (resource.Properties["VersioningConfiguration"] is JsonObject versioning)
        {
            await resource.Call("s3", "PutBucketVersioning", new JsonObject
            {
                ["Bucket"] = name,
                ["VersioningConfiguration"] = new JsonObject { ["Status"] = versioning["Status"]?.DeepClone() },
            }).ConfigureAwait(false);
        }
    }

    private static ProvisionedResource Provisioned(ResourceContext resource, string name) => new(name, new JsonObject
    {
        ["Arn"] = $"arn:aws:s3:::{name}",
        ["DomainName"] = $"{name}.s3.amazonaws.com",
        ["RegionalDomainName"] = $"{name}.s3.{resource.Region}.amazonaws.com",
        ["DualStackDomainName"] = $"{name}.s3.dualstack.{resource.Region}.amazonaws.com",
        ["WebsiteURL"] = $"http://{name}.s3-website-{resource.Region}.amazonaws.com",
    });
}
