// S3 (rest-xml). The gateway routes path-style and virtual-hosted requests, verifies SigV4 (presigned URLs
// and aws-chunked bodies included) and hands streaming bodies over as OperationData.Stream; this provider
// keeps the bucket and key index (S3Store) and streams bodies through the IBlobStore, never whole in memory
// in disk mode. Split by topic: buckets here, objects, listings and multipart in their own files.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>The S3 provider: buckets (this file), objects, listings, multipart uploads.</summary>
internal sealed partial class S3Provider(S3Store store, TimeProvider clock) : AwsServiceProvider
{
    private const string UsEast1 = "us-east-1";

    public override string ServiceId => "s3";

    public JsonObject CreateBucket(RequestContext context, JsonObject input)
    {
        var name = Required(input, "Bucket");
        if (!BucketNames.IsValid(name))
        {
            throw S3Errors.InvalidBucketName(name);
        }

        var constraint = input["CreateBucketConfiguration"]?["LocationConstraint"]?.GetValue<string>();
        var region = ResolveRegion(context.Region, constraint);
        var ownership = Optional(input, "ObjectOwnership");
        if (ownership is not null && !Acls.IsOwnership(ownership))
        {
            throw S3Errors.InvalidArgument("Invalid x-amz-object-ownership header", "x-amz-object-ownership", ownership); // [guess] the message
        }

        JsonArray? grants;
        try
        {
            grants = Acls.Requested(input, ownership, CanonicalUserId(context.AccountId), forBucket: true);
        }
        catch (AwsServiceException error) when (error.Code == "AccessControlListNotSupported")
        {
            throw S3Errors.InvalidBucketAclWithObjectOwnership();
        }

        var bucket = new S3Bucket(new S3BucketSettings
        {
            Name = name,
            Owner = context.AccountId,
            Region = region,
            CreationDate = Now(),
            ObjectOwnership = ownership,
            Grants = grants,
        });
        var holder = store.AddOrGet(bucket);
        if (!ReferenceEquals(holder, bucket))
        {
            // [guess] AWS answers BucketAlreadyOwnedByYou in every region today (us-east-1 once answered 200).
            throw holder.Settings.Owner == context.AccountId ? S3Errors.BucketAlreadyOwnedByYou(name) : S3Errors.BucketAlreadyExists(name);
        }

        return new JsonObject { ["Location"] = "/" + name };
    }

    public JsonObject DeleteBucket(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        lock (bucket.Gate)
        {
            if (!bucket.IsEmpty)
            {
                throw S3Errors.BucketNotEmpty(bucket.Name);
            }

            foreach (var part in bucket.Uploads.Values.SelectMany(u => u.Parts.Values))
            {
                store.Blobs.Delete(part.BlobId);
            }

            store.Remove(bucket);
        }

        return [];
    }

    public JsonObject ListBuckets(RequestContext context, JsonObject input)
    {
        var prefix = input["Prefix"]?.GetValue<string>() ?? string.Empty;
        var buckets = new JsonArray();
        foreach (var bucket in store.All
            .Where(b => b.Settings.Owner == context.AccountId && b.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            buckets.Add(new JsonObject
            {
                ["Name"] = bucket.Name,
                ["CreationDate"] = bucket.Settings.CreationDate,
                ["BucketRegion"] = bucket.Settings.Region,
            });
        }

        var output = new JsonObject { ["Buckets"] = buckets, ["Owner"] = Owner(context.AccountId) };
        if (prefix.Length > 0)
        {
            output["Prefix"] = prefix;
        }

        return output;
    }

    public JsonObject HeadBucket(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        return new JsonObject { ["BucketRegion"] = bucket.Settings.Region, ["AccessPointAlias"] = false };
    }

    public JsonObject GetBucketLocation(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);

        // us-east-1 is the empty constraint: an empty <LocationConstraint> document (clients read it as null).
        return new JsonObject { ["LocationConstraint"] = bucket.Settings.Region == UsEast1 ? string.Empty : bucket.Settings.Region };
    }

    /// <summary>The owner element S3 writes: the account's canonical user id (a stable 64-hex digest here).</summary>
    internal static JsonObject Owner(string accountId) => new()
    {
        ["ID"] = CanonicalUserId(accountId),
        ["DisplayName"] = "webfile",
    };

    internal static string CanonicalUserId(string accountId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("doqutore-canonical-user:" + accountId)));

    /// <summary>
    /// The bucket's region from the endpoint's region and the LocationConstraint: us-east-1 takes none (and refuses
    /// "us-east-1" spelled out); any other region must name itself.
    /// </summary>
    private static string ResolveRegion(string endpointRegion, string? constraint)
    {
        if (string.IsNullOrEmpty(constraint))
        {
            return endpointRegion == UsEast1
                ? UsEast1
                : throw S3Errors.IllegalLocationConstraint("unspecified", endpointRegion);
        }

        if (constraint == UsEast1 || !System.Text.RegularExpressions.Regex.IsMatch(constraint, "^[a-z]{2}(-[a-z]+)+-\\d$"))
        {
            throw S3Errors.InvalidLocationConstraint();
        }

        return constraint == endpointRegion ? constraint : throw S3Errors.IllegalLocationConstraint(constraint, endpointRegion);
    }

    private S3Bucket RequireBucket(JsonObject input)
    {
        var name = Required(input, "Bucket");
        return store.Find(name) ?? throw S3Errors.NoSuchBucket(name);
    }

    private static string Required(JsonObject input, string member) =>
        input[member]?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw S3Errors.InvalidArgument($"{member} must not be empty.", member, null);

    private static string? Optional(JsonObject input, string member) => input[member]?.GetValue<string>();

    /// <summary>Now, to the millisecond (S3 keeps milliseconds in listings and whole seconds in headers).</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
