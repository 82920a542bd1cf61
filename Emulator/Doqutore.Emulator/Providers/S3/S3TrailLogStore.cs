using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.CloudTrail;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Where CloudTrail writes its log files: the bucket must exist and its policy must let
/// <c>cloudtrail.amazonaws.com</c> (with <c>aws:SourceArn</c> the trail) read the bucket ACL and put objects under
/// <c>[prefix/]AWSLogs/&lt;account&gt;/</c>, as AWS checks on CreateTrail and on every delivery.
/// </summary>
internal sealed class S3TrailLogStore(S3Store store, S3Provider provider, IServicePrincipalAuthorizer authorizer) : ITrailLogStore
{
    private const string CloudTrailPrincipal = "cloudtrail.amazonaws.com";

    // CloudTrail writes its files with this canned ACL; AWS's documented bucket policy requires it.
    private static readonly Dictionary<string, string> PutObjectKeys = new(StringComparer.Ordinal) { ["s3:x-amz-acl"] = "bucket-owner-full-control" };

    public TrailBucketCheck CheckBucket(string accountId, string bucket, string? keyPrefix, string trailArn)
    {
        if (store.Find(bucket) is null)
        {
            return TrailBucketCheck.NoSuchBucket;
        }

        var caller = new ServiceCaller(CloudTrailPrincipal, trailArn, accountId);
        var probeKey = (string.IsNullOrEmpty(keyPrefix) ? string.Empty : keyPrefix.TrimEnd('/') + "/") + $"AWSLogs/{accountId}/CloudTrail/";
        return authorizer.IsAllowed(caller, "s3:GetBucketAcl", "arn:aws:s3:::" + bucket)
            && authorizer.IsAllowed(caller, "s3:PutObject", $"arn:aws:s3:::{bucket}/{probeKey}", PutObjectKeys)
                ? TrailBucketCheck.Ok
                : TrailBucketCheck.InsufficientPolicy;
    }

    public void PutObject(string bucket, string key, byte[] content, string trailArn, string accountId)
    {
        if (store.Find(bucket) is null)
        {
            throw DeliveryFailure.NoResource($"The bucket {bucket} does not exist.");
        }

        if (!authorizer.IsAllowed(new ServiceCaller(CloudTrailPrincipal, trailArn, accountId), "s3:PutObject", $"arn:aws:s3:::{bucket}/{key}", PutObjectKeys))
        {
            throw DeliveryFailure.NoPermissions($"The policy of bucket {bucket} does not let {CloudTrailPrincipal} write {key}.");
        }

        provider.PutAsService(bucket, key, content, "application/x-gzip", accountId);
    }
}
