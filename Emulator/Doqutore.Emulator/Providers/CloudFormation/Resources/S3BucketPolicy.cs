using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.CloudFormation.Resources;

/// <summary><c>AWS::S3::BucketPolicy</c>: PutBucketPolicy, DeleteBucketPolicy. Ref is the bucket name [guess].</summary>
public sealed class S3BucketPolicy : ResourceType
{
    public override string TypeName => "AWS::S3::BucketPolicy";

    public override IReadOnlyList<string> Attributes => [];

    public override IReadOnlySet<string> ReplaceOn { get; } = new HashSet<string> { "Bucket" };

    public override bool UpdatesInPlace => true;

    public override async Task<ProvisionedResource> CreateAsync(ResourceContext resource)
    {
        var bucket = resource.Required("Bucket");
        await PutAsync(resource, bucket).ConfigureAwait(false);
        return new ProvisionedResource(bucket, []);
    }

    public override async Task<ProvisionedResource> UpdateAsync(ResourceContext resource, ProvisionedResource current, JsonObject previous)
    {
        await PutAsync(resource, current.PhysicalId).ConfigureAwait(false);
        return current;
    }

    public override Task DeleteAsync(ResourceContext resource, ProvisionedResource current) =>
        resource.Call("s3", "DeleteBucketPolicy", new JsonObject { ["Bucket"] = current.PhysicalId });

    private static Task<JsonObject> PutAsync(ResourceContext resource, string bucket) =>
        resource.Call("s3", "PutBucketPolicy", new JsonObject { ["Bucket"] = bucket, ["Policy"] = ResourceJson.Document(resource.Node("PolicyDocument")) });
}
