using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// Queue policies (the <c>Policy</c> attribute) as resource policies: the gateway's authorizer sees them for callers'
/// <c>sqs:*</c> actions on the queue's ARN, and <see cref="Delivery.IServicePrincipalAuthorizer"/> for services sending
/// to the queue.
/// </summary>
internal sealed class QueuePolicies(SqsStore store) : IResourcePolicySource
{
    public ResourcePolicy? Find(string accountId, string action, string resourceArn)
    {
        if (!action.StartsWith("sqs:", StringComparison.OrdinalIgnoreCase) || !resourceArn.StartsWith("arn:aws:sqs:", StringComparison.Ordinal))
        {
            return null;
        }

        return store.FindByArn(resourceArn)?.Policy is { } policy ? new ResourcePolicy(policy, IsRoleTrust: false) : null;
    }

    /// <summary>Checks a policy a caller sets: it must parse as a resource policy.</summary>
    public static void Check(string policy)
    {
        try
        {
            PolicyParser.Parse(policy, PolicyParseOptions.Resource);
        }
        catch (AwsServiceException)
        {
            throw SqsErrors.InvalidAttributeValue(QueueAttributes.Policy);
        }
    }
}
