using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Bucket policies as resource policies: the gateway's authorizer sees them for <c>s3:*</c> actions on the
/// bucket's ARN and its objects' ARNs (<c>arn:aws:s3:::bucket</c>, <c>arn:aws:s3:::bucket/key</c>), anonymous callers
/// included, and <see cref="Delivery.IServicePrincipalAuthorizer"/> for services writing to the bucket (CloudTrail).
/// </summary>
internal sealed class BucketPolicies(S3Store store) : IResourcePolicySource
{
    private const string ArnPrefix = "arn:aws:s3:::";

    public ResourcePolicy? Find(string accountId, string action, string resourceArn)
    {
        if (!action.StartsWith("s3:", StringComparison.OrdinalIgnoreCase) || !resourceArn.StartsWith(ArnPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = resourceArn[ArnPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        return store.Find(bucket)?.Settings.Policy is { } policy ? new ResourcePolicy(policy, IsRoleTrust: false) : null;
    }
}
