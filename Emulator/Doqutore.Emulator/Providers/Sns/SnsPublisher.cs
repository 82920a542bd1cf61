using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Fans a publication out to a topic's confirmed subscriptions whose filter policy it passes, handing each to
/// the <see cref="SnsDeliveryWorker"/>; serves Publish, PublishBatch and other services publishing through
/// <see cref="ITopicPublisher"/> (authorized by the topic policy alone, as AWS does for service principals).
/// </summary>
internal sealed class SnsPublisher(
    SnsStore store,
    SnsDeliveryWorker worker,
    IServicePrincipalAuthorizer servicePrincipals,
    IServiceProvider services,
    IOptions<EmulatorOptions> options,
    TimeProvider clock) : ITopicPublisher
{
    /// <summary>Fans out a publication; returns false when the topic does not exist.</summary>
    public bool Publish(SnsPublication publication, string baseUrl)
    {
        if (store.ForTopicArn(publication.TopicArn) is not { } state)
        {
            return false;
        }

        var deliveries = new List<SnsDelivery>();
        lock (state.Gate)
        {
            if (!state.Topics.TryGetValue(publication.TopicArn, out var topic))
            {
                return false;
            }

            foreach (var subscription in state.SubscriptionsOf(topic.Arn))
            {
                if (subscription.PendingConfirmation)
                {
                    continue;
                }

                if (subscription.Filter is { } filter && !filter.Matches(publication, publication.MessageFor(subscription.Protocol)))
                {
                    continue;
                }

                deliveries.Add(new SnsDelivery(
                    publication,
                    subscription.Arn,
                    subscription.Protocol,
                    subscription.Endpoint,
                    subscription.RawMessageDelivery,
                    subscription.DeadLetterQueueArn,
                    topic.Owner,
                    topic.DisplayName,
                    topic.SignatureVersion,
                    baseUrl));
            }
        }

        foreach (var delivery in deliveries)
        {
            worker.Enqueue(delivery);
        }

        return true;
    }

    public Task<string> PublishAsync(ServiceCaller caller, string topicArn, TopicMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(message);
        if (!Exists(topicArn))
        {
            throw DeliveryFailure.NoResource($"Topic does not exist: {topicArn}");
        }

        if (!servicePrincipals.IsAllowed(caller, "sns:Publish", topicArn))
        {
            throw DeliveryFailure.NoPermissions($"{caller.ServicePrincipal} is not authorized to perform: SNS:Publish on resource: {topicArn}");
        }

        var publication = new SnsPublication(Guid.NewGuid().ToString(), topicArn, message.Message, message.Subject, clock.GetUtcNow())
        {
            Attributes = message.Attributes,
        };
        return Publish(publication, ServerBaseUrl())
            ? Task.FromResult(publication.MessageId)
            : throw DeliveryFailure.NoResource($"Topic does not exist: {topicArn}");
    }

    private bool Exists(string topicArn)
    {
        if (store.ForTopicArn(topicArn) is not { } state)
        {
            return false;
        }

        lock (state.Gate)
        {
            return state.Topics.ContainsKey(topicArn);
        }
    }

    /// <summary>The emulator's own URL, for publications that arrive without a request (certificate and unsubscribe links).</summary>
    public string ServerBaseUrl()
    {
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null
            ? $"http://{options.Value.Host}:{options.Value.Port}"
            : address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
