namespace Doqutore.Emulator.Delivery;

/// <summary>
/// Decides whether a service may act on a resource, from that resource's policy alone (a service principal has
/// no identity policies): EventBridge may send to a queue only if the queue policy allows
/// <c>events.amazonaws.com</c> <c>sqs:SendMessage</c>, with its conditions on <c>aws:SourceArn</c>.
/// </summary>
public interface IServicePrincipalAuthorizer
{
    /// <summary>True when the resource policy of <paramref name="resourceArn"/> allows <paramref name="action"/> to <paramref name="caller"/>.</summary>
    bool IsAllowed(ServiceCaller caller, string action, string resourceArn);
}
