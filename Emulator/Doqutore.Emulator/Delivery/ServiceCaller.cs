namespace Doqutore.Emulator.Delivery;

/// <summary>
/// An AWS service acting on a resource for one of its own resources: EventBridge sending a rule's event to a
/// queue, SNS delivering to a subscribed queue or function. Resource policies see it as the service principal
/// with <c>aws:SourceArn</c> and <c>aws:SourceAccount</c> set, which is how AWS's documented queue and topic
/// policies guard against the confused deputy.
/// </summary>
/// <param name="ServicePrincipal">The service principal (<c>events.amazonaws.com</c>, <c>sns.amazonaws.com</c>).</param>
/// <param name="SourceArn">The resource the service acts for (the rule or topic ARN): <c>aws:SourceArn</c>.</param>
/// <param name="SourceAccount">The account owning <paramref name="SourceArn"/>: <c>aws:SourceAccount</c>.</param>
public sealed record ServiceCaller(string ServicePrincipal, string SourceArn, string SourceAccount)
{
    /// <summary>
    /// True when the service acts with a role of the target's account whose identity policies already allow the
    /// action (Lambda sending to a function's dead-letter queue or destinations with its execution role): the
    /// target's resource policy then only needs not to deny it, as for any same-account principal.
    /// </summary>
    public bool AllowedByRole { get; init; }
}
