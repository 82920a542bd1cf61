using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Bucket policies: put, get, delete. They take effect through <see cref="BucketPolicies"/>.</summary>
internal sealed partial class S3Provider
{
    private const int MaxPolicyBytes = 20 * 1024;

    public JsonObject PutBucketPolicy(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        var policy = Optional(input, "Policy") ?? string.Empty;
        CheckPolicy(policy);
        lock (bucket.Gate)
        {
            bucket.Settings = bucket.Settings with { Policy = policy };
            store.Blobs.SaveBucket(bucket.Name, bucket.Settings.ToRecord());
        }

        return [];
    }

    public JsonObject GetBucketPolicy(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        return bucket.Settings.Policy is { } policy
            ? new JsonObject { ["Policy"] = policy }
            : throw S3Errors.NoSuchBucketPolicy(bucket.Name);
    }

    public JsonObject DeleteBucketPolicy(RequestContext context, JsonObject input)
    {
        var bucket = RequireBucket(input);
        lock (bucket.Gate)
        {
            bucket.Settings = bucket.Settings with { Policy = null };
            store.Blobs.SaveBucket(bucket.Name, bucket.Settings.ToRecord());
        }

        return [];
    }

    /// <summary>A policy must be JSON (S3: "Policies must be valid JSON and the first byte must be '{'") and parse as a resource policy.</summary>
    private static void CheckPolicy(string policy)
    {
        if (policy.Length == 0 || policy.TrimStart()[0] != '{' || System.Text.Encoding.UTF8.GetByteCount(policy) > MaxPolicyBytes)
        {
            throw MalformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }

        try
        {
            using var _ = JsonDocument.Parse(policy);
        }
        catch (JsonException)
        {
            throw MalformedPolicy("Policies must be valid JSON and the first byte must be '{'");
        }

        try
        {
            PolicyParser.Parse(policy, PolicyParseOptions.Resource);
        }
        catch (AwsServiceException error)
        {
            throw MalformedPolicy(error.Message);
        }
    }

    private static AwsServiceException MalformedPolicy(string message) => new("MalformedPolicy", message, 400);
}
