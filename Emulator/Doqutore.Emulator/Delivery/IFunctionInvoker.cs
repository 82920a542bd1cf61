namespace Doqutore.Emulator.Delivery;

/// <summary>
/// How other services invoke a Lambda function asynchronously (EventBridge targets, SNS subscriptions). The
/// function's resource policy must allow the caller <c>lambda:InvokeFunction</c>. The Lambda service
/// implements it; until then <see cref="NoFunctionInvoker"/> answers that no function exists.
/// </summary>
public interface IFunctionInvoker
{
    /// <summary>Queues an <c>Event</c> invocation of <paramref name="functionArn"/> with <paramref name="payload"/> (JSON).</summary>
    /// <exception cref="DeliveryFailure">The function does not exist (<c>NO_RESOURCE</c>) or refuses the caller (<c>NO_PERMISSIONS</c>).</exception>
    Task InvokeAsync(ServiceCaller caller, string functionArn, string payload, CancellationToken cancellationToken = default);
}

/// <summary>The invoker while the emulator has no Lambda service: every function is missing.</summary>
public sealed class NoFunctionInvoker : IFunctionInvoker
{
    public Task InvokeAsync(ServiceCaller caller, string functionArn, string payload, CancellationToken cancellationToken = default) =>
        throw DeliveryFailure.NoResource($"Function not found: {functionArn}");
}
