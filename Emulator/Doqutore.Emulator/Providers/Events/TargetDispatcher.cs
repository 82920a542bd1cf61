using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Sends one rendered input to a target through the delivery seams (<see cref="IQueueSender"/>,
/// <see cref="ITopicPublisher"/>, <see cref="IFunctionInvoker"/>), by the target ARN's service, as
/// <c>events.amazonaws.com</c> acting for the rule. The seams are resolved when used, so EventBridge runs
/// whether or not SQS or SNS are registered; a missing service is <c>NO_RESOURCE</c>.
/// </summary>
public sealed class TargetDispatcher(IServiceProvider services)
{
    public const string ServicePrincipal = "events.amazonaws.com";

    /// <summary>Delivers <paramref name="body"/>; returns the message id where the target gives one.</summary>
    /// <exception cref="DeliveryFailure">The target refused or is missing.</exception>
    public async Task<string?> SendAsync(DeliveryJob job, string body, CancellationToken cancellationToken)
    {
        var caller = new ServiceCaller(ServicePrincipal, job.RuleArn, job.Account);
        var arn = job.Target.Arn;
        switch (ServiceOf(arn))
        {
            case "sqs":
                return await Require<IQueueSender>("SQS", arn).SendAsync(caller, arn, new QueueMessage(body) { MessageGroupId = job.Target.MessageGroupId }, cancellationToken).ConfigureAwait(false);
            case "sns":
                return await Require<ITopicPublisher>("SNS", arn).PublishAsync(caller, arn, new TopicMessage(body), cancellationToken).ConfigureAwait(false);
            case "lambda":
                await Require<IFunctionInvoker>("Lambda", arn).InvokeAsync(caller, arn, body, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                throw new DeliveryFailure("SDK_CLIENT_ERROR", $"The emulator does not deliver to {ServiceOf(arn)} targets ({arn}).", retryable: false);
        }
    }

    /// <summary>Sends a dead letter: the event, with EventBridge's attributes, to the target's dead-letter queue.</summary>
    public Task<string> SendDeadLetterAsync(DeliveryJob job, QueueMessage message, CancellationToken cancellationToken)
    {
        var caller = new ServiceCaller(ServicePrincipal, job.RuleArn, job.Account);
        var arn = job.Target.DeadLetterArn!;
        return Require<IQueueSender>("SQS", arn).SendAsync(caller, arn, message, cancellationToken);
    }

    /// <summary>The service of an ARN (<c>arn:aws:sqs:…</c> → <c>sqs</c>).</summary>
    public static string ServiceOf(string arn) => arn.Split(':') is [_, _, var service, ..] ? service : string.Empty;

    private T Require<T>(string service, string arn)
        where T : class =>
        services.GetService<T>() ?? throw DeliveryFailure.NoResource($"{service} is not running in this emulator, so {arn} does not exist.");
}
