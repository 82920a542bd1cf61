using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Bucket and object ACLs and Object Ownership (rules in <see cref="Acls"/>).</summary>
internal sealed partial class S3Provider
{
    public JsonObject GetBucketAcl(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        return AclOutput(bucket.Settings.Owner, bucket.Settings.Grants);
    }

    public JsonObject PutBucketAcl(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var grants = Acls.Requested(input, bucket.Settings.ObjectOwnership, CanonicalUserId(bucket.Settings.Owner), forBucket: true);
        SaveSettings(bucket, s => s with { Grants = grants });
        return [];
    }

    public JsonObject GetObjectAcl(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var version = Resolve(bucket, RequireKey(input), Optional(input, "VersionId"), forCopy: false);
        var output = AclOutput(version.Owner, version.Grants);
        AddVersionId(output, bucket, version);
        return output;
    }

    public JsonObject PutObjectAcl(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var grants = ObjectAcl(bucket, input);
        Update(bucket, RequireKey(input), Optional(input, "VersionId"), v => v with { Grants = grants });
        return [];
    }

    public JsonObject PutBucketOwnershipControls(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var rules = input["OwnershipControls"]?["Rules"] as JsonArray;
        var ownership = rules is { Count: 1 } ? rules[0]?["ObjectOwnership"]?.GetValue<string>() : null;
        if (!Acls.IsOwnership(ownership))
        {
            throw S3Errors.MalformedXml();
        }

        SaveSettings(bucket, s => s with { ObjectOwnership = ownership, Grants = ownership == Acls.BucketOwnerEnforced ? null : s.Grants });
        return [];
    }

    public JsonObject GetBucketOwnershipControls(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var ownership = bucket.Settings.ObjectOwnership ?? Acls.BucketOwnerEnforced;
        return new JsonObject { ["OwnershipControls"] = new JsonObject { ["Rules"] = new JsonArray(new JsonObject { ["ObjectOwnership"] = ownership }) } };
    }

    public JsonObject DeleteBucketOwnershipControls(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        SaveSettings(bucket, s => s with { ObjectOwnership = null, Grants = null });
        return [];
    }

    /// <summary>The grants an object write (x-amz-acl, grant headers) asks for, checked against the bucket's ownership.</summary>
    private static JsonArray? ObjectAcl(S3Bucket bucket, JsonObject input) =>
        Acls.Requested(input, bucket.Settings.ObjectOwnership, CanonicalUserId(bucket.Settings.Owner), forBucket: false);

    private static JsonObject AclOutput(string ownerAccount, JsonArray? grants) => new()
    {
        ["Owner"] = Owner(ownerAccount),
        ["Grants"] = Acls.Grants(ownerAccount, grants),
    };
}
