using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>
/// How other services (EventBridge targets and dead-letter queues, SNS subscriptions) put messages on a queue: the
/// queue must exist (<c>NO_RESOURCE</c>) and its policy must allow the calling service <c>sqs:SendMessage</c>
/// (<c>NO_PERMISSIONS</c>). The message then follows the queue's rules like any SendMessage and wakes long pollers.
/// </summary>
internal sealed class SqsQueueSender(SqsStore store, IServicePrincipalAuthorizer authorizer, TimeProvider clock) : IQueueSender
{
    public Task<string> SendAsync(ServiceCaller caller, string queueArn, QueueMessage message, CancellationToken cancellationToken = default)
    {
        var queue = store.FindByArn(queueArn) ?? throw DeliveryFailure.NoResource($"The specified queue does not exist: {queueArn}");
        if (!authorizer.IsAllowed(caller, "sqs:SendMessage", queue.Arn))
        {
            throw DeliveryFailure.NoPermissions($"{caller.ServicePrincipal} is not authorized to perform: sqs:SendMessage on resource: {queue.Arn}");
        }

        var outgoing = new OutgoingMessage(message.Body)
        {
            Attributes = message.Attributes.ToDictionary(a => a.Key, a => SqsAttributeValue.FromDelivery(a.Value), StringComparer.Ordinal),
            GroupId = message.MessageGroupId,
            DeduplicationId = message.MessageDeduplicationId,
        };
        try
        {
            return Task.FromResult(outgoing.Enqueue(queue, ServiceSenderIds.For(caller.ServicePrincipal), clock.GetUtcNow()).MessageId);
        }
        catch (AwsServiceException error)
        {
            // The queue refused the message itself (too large, FIFO without group): retrying cannot help.
            throw new DeliveryFailure("SDK_CLIENT_ERROR", $"{error.Code}: {error.Message}", retryable: false);
        }
    }
}

/// <summary>
/// The <c>SenderId</c> SQS shows for messages a service sent. [guess] AWS shows an AIDA-style id of an AWS-owned
/// user: <c>AIDAIT2UOQQY3AUEKVGXU</c> is the one widely seen for SNS; other services get a stable id derived
/// from their principal.
/// </summary>
internal static class ServiceSenderIds
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["sns.amazonaws.com"] = "AIDAIT2UOQQY3AUEKVGXU",
    };

    public static string For(string servicePrincipal)
    {
        if (Known.TryGetValue(servicePrincipal, out var id))
        {
            return id;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(servicePrincipal));
        const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return "AIDA" + new string(hash.Take(17).Select(b => Base32[b % 32]).ToArray());
    }
}
