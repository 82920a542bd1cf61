namespace Doqutore.Emulator.Delivery;

/// <summary>
/// Decides whether a service may act on a resource, from that resource's policy alone (a service principal has
/// no identity policies): EventBridge may send to a queue only if the queue policy allows
/// <c>events.amazonaws.com</c> <c>sqs:SendMessage</c>, with its conditions on <c>aws:SourceArn</c>.
/// </summary>
public interface IServicePrincipalAuthorizer
{
    /// <summary>True when the resource policy of <paramref name="resourceArn"/> allows <paramref name="action"/> to <paramref name="caller"/>.</summary>
    /// <param name="caller">The service and the resource it acts for.</param>
    /// <param name="action">The action, e.g. <c>s3:PutObject</c>.</param>
    /// <param name="resourceArn">The target resource.</param>
    /// <param name="requestKeys">
    /// Condition keys of the request the service makes, beside <c>aws:SourceArn</c> and <c>aws:SourceAccount</c>
    /// (CloudTrail's log-file PutObject carries <c>s3:x-amz-acl</c> = <c>bucket-owner-full-control</c>).
    /// </param>
    bool IsAllowed(ServiceCaller caller, string action, string resourceArn, IReadOnlyDictionary<string, string>? requestKeys = null);
}
