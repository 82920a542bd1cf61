using System.Text;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// How EventBridge targets, SNS subscriptions and Lambda destinations invoke a function: an <c>Event</c> invocation,
/// allowed only when the function's resource policy (AddPermission) lets the calling service
/// <c>lambda:InvokeFunction</c> with its <c>aws:SourceArn</c> and <c>aws:SourceAccount</c>, as AWS checks it.
/// </summary>
internal sealed class LambdaFunctionInvoker(LambdaStore store, AsyncInvocations queue, IServicePrincipalAuthorizer authorizer) : IFunctionInvoker
{
    public Task InvokeAsync(ServiceCaller caller, string functionArn, string payload, CancellationToken cancellationToken = default)
    {
        if (FunctionNames.Parse(functionArn) is not { Account: { } account, Region: { } region } parsed
            || (parsed.Qualifier is { } qualifier && qualifier != "$LATEST")
            || store.Find(account, region, parsed.Name) is not { } function)
        {
            throw DeliveryFailure.NoResource($"Function not found: {functionArn}");
        }

        var config = function.Config;
        if (!authorizer.IsAllowed(caller, "lambda:InvokeFunction", config.Arn))
        {
            throw DeliveryFailure.NoPermissions($"{caller.ServicePrincipal} is not authorized to perform: lambda:InvokeFunction on resource: {config.Arn}");
        }

        var bytes = Encoding.UTF8.GetBytes(payload);
        if (bytes.Length > LambdaProvider.MaxAsyncPayloadBytes)
        {
            throw new DeliveryFailure("SDK_CLIENT_ERROR", $"Request must be smaller than {LambdaProvider.MaxAsyncPayloadBytes} bytes for the InvokeFunction operation", retryable: false);
        }

        queue.Enqueue(config, bytes, Guid.NewGuid().ToString());
        return Task.CompletedTask;
    }
}
