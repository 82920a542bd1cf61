namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Where trails write their log files: S3 (<c>S3TrailLogStore</c>, registered by <c>AddS3</c>). The CloudTrail
/// service resolves it as optional: in a host without S3, CreateTrail and UpdateTrail skip the bucket check and no
/// log file is written (GetTrailStatus then reports no delivery).
/// </summary>
public interface ITrailLogStore
{
    /// <summary>
    /// Whether <paramref name="bucket"/> exists and its policy lets <c>cloudtrail.amazonaws.com</c> write the trail's
    /// files (<c>s3:GetBucketAcl</c> on the bucket, <c>s3:PutObject</c> on its <c>AWSLogs/&lt;account&gt;/*</c> keys,
    /// with <c>aws:SourceArn</c> the trail ARN).
    /// </summary>
    TrailBucketCheck CheckBucket(string accountId, string bucket, string? keyPrefix, string trailArn);

    /// <summary>Writes one log file as the CloudTrail service principal; throws <see cref="Delivery.DeliveryFailure"/> when it cannot.</summary>
    void PutObject(string bucket, string key, byte[] content, string trailArn, string accountId);
}

/// <summary>What <see cref="ITrailLogStore.CheckBucket"/> found.</summary>
public enum TrailBucketCheck
{
    Ok,
    NoSuchBucket,
    InsufficientPolicy,
}
