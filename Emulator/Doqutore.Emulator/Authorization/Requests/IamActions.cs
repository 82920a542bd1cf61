using Doqutore.Aws.Models;

namespace Doqutore.Emulator.Authorization.Requests;

/// <summary>
/// The IAM action(s) an operation is authorized as. By default the model gives it:
/// <c>&lt;service prefix&gt;:&lt;operation&gt;</c>. Where the IAM action differs from the operation (all of S3,
/// Lambda's Invoke, SQS batches, API Gateway's HTTP verbs), the tables below say so, after the AWS Service
/// Authorization Reference ("Actions, resources, and condition keys" per service).
/// </summary>
public static class IamActions
{
    /// <summary>Services whose IAM action prefix is not their SigV4 signing name.</summary>
    private static readonly Dictionary<string, string> Prefixes = new(StringComparer.Ordinal)
    {
        ["monitoring"] = "cloudwatch",
        ["streams.dynamodb"] = "dynamodb",
    };

    /// <summary>Operations whose IAM action has another name (same service prefix).</summary>
    private static readonly Dictionary<(string Service, string Operation), string> Renamed = new()
    {
        [("lambda", "Invoke")] = "InvokeFunction",
        [("lambda", "InvokeWithResponseStream")] = "InvokeFunction",
        [("sqs", "SendMessageBatch")] = "SendMessage",
        [("sqs", "DeleteMessageBatch")] = "DeleteMessage",
        [("sqs", "ChangeMessageVisibilityBatch")] = "ChangeMessageVisibility",

        // S3: object and bucket operations share a handful of actions.
        [("s3", "CompleteMultipartUpload")] = "PutObject",
        [("s3", "CreateMultipartUpload")] = "PutObject",
        [("s3", "UploadPart")] = "PutObject",
        [("s3", "UploadPartCopy")] = "PutObject",
        [("s3", "CopyObject")] = "PutObject",
        [("s3", "HeadObject")] = "GetObject",
        [("s3", "SelectObjectContent")] = "GetObject",
        [("s3", "DeleteObjects")] = "DeleteObject",
        [("s3", "HeadBucket")] = "ListBucket",
        [("s3", "ListObjects")] = "ListBucket",
        [("s3", "ListObjectsV2")] = "ListBucket",
        [("s3", "ListObjectVersions")] = "ListBucketVersions",
        [("s3", "ListMultipartUploads")] = "ListBucketMultipartUploads",
        [("s3", "ListParts")] = "ListMultipartUploadParts",
        [("s3", "ListBuckets")] = "ListAllMyBuckets",
        [("s3", "GetBucketAccelerateConfiguration")] = "GetAccelerateConfiguration",
        [("s3", "PutBucketAccelerateConfiguration")] = "PutAccelerateConfiguration",
        [("s3", "GetBucketAnalyticsConfiguration")] = "GetAnalyticsConfiguration",
        [("s3", "ListBucketAnalyticsConfigurations")] = "GetAnalyticsConfiguration",
        [("s3", "PutBucketAnalyticsConfiguration")] = "PutAnalyticsConfiguration",
        [("s3", "DeleteBucketAnalyticsConfiguration")] = "PutAnalyticsConfiguration",
        [("s3", "GetBucketCors")] = "GetBucketCORS",
        [("s3", "PutBucketCors")] = "PutBucketCORS",
        [("s3", "DeleteBucketCors")] = "PutBucketCORS",
        [("s3", "GetBucketEncryption")] = "GetEncryptionConfiguration",
        [("s3", "PutBucketEncryption")] = "PutEncryptionConfiguration",
        [("s3", "DeleteBucketEncryption")] = "PutEncryptionConfiguration",
        [("s3", "GetBucketIntelligentTieringConfiguration")] = "GetIntelligentTieringConfiguration",
        [("s3", "ListBucketIntelligentTieringConfigurations")] = "GetIntelligentTieringConfiguration",
        [("s3", "PutBucketIntelligentTieringConfiguration")] = "PutIntelligentTieringConfiguration",
        [("s3", "DeleteBucketIntelligentTieringConfiguration")] = "PutIntelligentTieringConfiguration",
        [("s3", "GetBucketInventoryConfiguration")] = "GetInventoryConfiguration",
        [("s3", "ListBucketInventoryConfigurations")] = "GetInventoryConfiguration",
        [("s3", "PutBucketInventoryConfiguration")] = "PutInventoryConfiguration",
        [("s3", "DeleteBucketInventoryConfiguration")] = "PutInventoryConfiguration",
        [("s3", "GetBucketLifecycle")] = "GetLifecycleConfiguration",
        [("s3", "GetBucketLifecycleConfiguration")] = "GetLifecycleConfiguration",
        [("s3", "PutBucketLifecycle")] = "PutLifecycleConfiguration",
        [("s3", "PutBucketLifecycleConfiguration")] = "PutLifecycleConfiguration",
        [("s3", "DeleteBucketLifecycle")] = "PutLifecycleConfiguration",
        [("s3", "GetBucketMetricsConfiguration")] = "GetMetricsConfiguration",
        [("s3", "ListBucketMetricsConfigurations")] = "GetMetricsConfiguration",
        [("s3", "PutBucketMetricsConfiguration")] = "PutMetricsConfiguration",
        [("s3", "DeleteBucketMetricsConfiguration")] = "PutMetricsConfiguration",
        [("s3", "GetBucketNotificationConfiguration")] = "GetBucketNotification",
        [("s3", "PutBucketNotificationConfiguration")] = "PutBucketNotification",
        [("s3", "DeleteBucketOwnershipControls")] = "PutBucketOwnershipControls",
        [("s3", "GetBucketReplication")] = "GetReplicationConfiguration",
        [("s3", "PutBucketReplication")] = "PutReplicationConfiguration",
        [("s3", "DeleteBucketReplication")] = "PutReplicationConfiguration",
        [("s3", "DeleteBucketTagging")] = "PutBucketTagging",
        [("s3", "GetObjectLockConfiguration")] = "GetBucketObjectLockConfiguration",
        [("s3", "PutObjectLockConfiguration")] = "PutBucketObjectLockConfiguration",
        [("s3", "GetPublicAccessBlock")] = "GetBucketPublicAccessBlock",
        [("s3", "PutPublicAccessBlock")] = "PutBucketPublicAccessBlock",
        [("s3", "DeletePublicAccessBlock")] = "PutBucketPublicAccessBlock",
    };

    /// <summary>Operations authorized under another service's prefix.</summary>
    private static readonly Dictionary<(string Service, string Operation), string> OtherService = new()
    {
        [("s3", "CreateSession")] = "s3express:CreateSession",
        [("s3", "ListDirectoryBuckets")] = "s3express:ListAllMyDirectoryBuckets",
        [("s3", "WriteGetObjectResponse")] = "s3-object-lambda:WriteGetObjectResponse",
    };

    /// <summary>Services whose IAM actions are HTTP verbs on resource paths (API Gateway's management API).</summary>
    private static readonly HashSet<string> VerbActions = new(StringComparer.Ordinal) { "apigateway" };

    /// <summary>The IAM action prefix of a service (<c>cloudwatch</c> for the <c>monitoring</c> model).</summary>
    public static string PrefixOf(ServiceModel model) =>
        Prefixes.TryGetValue(model.Id, out var prefix) ? prefix : model.Metadata.SigningName;

    /// <summary>The action an operation is authorized as, e.g. <c>s3:ListBucket</c> for ListObjectsV2.</summary>
    public static string For(ServiceModel model, Operation operation)
    {
        if (OtherService.TryGetValue((model.Id, operation.Name), out var foreign))
        {
            return foreign;
        }

        var prefix = PrefixOf(model);
        if (VerbActions.Contains(model.Id))
        {
            return $"{prefix}:{operation.HttpMethod}";
        }

        var name = Renamed.TryGetValue((prefix, operation.Name), out var renamed) ? renamed : operation.Name;
        return $"{prefix}:{name}";
    }
}
