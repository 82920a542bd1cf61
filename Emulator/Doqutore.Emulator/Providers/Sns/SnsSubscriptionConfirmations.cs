using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>
/// Sends the <c>SubscriptionConfirmation</c> of a subscription that must be confirmed: a mail with the
/// SubscribeURL to the outbox for email and email-json, the confirmation JSON to the queue for an SQS queue of
/// another account. Fetching the SubscribeURL (an unsigned ConfirmSubscription) or calling ConfirmSubscription
/// with the token confirms it.
/// </summary>
internal sealed partial class SnsSubscriptionConfirmations(
    Outbox outbox,
    SnsMessages messages,
    IQueueSender queues,
    TimeProvider clock,
    ILogger<SnsSubscriptionConfirmations> logger)
{
    /// <summary>A new confirmation token: long random hex, as AWS's are.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));

    public void Send(SnsTopic topic, SnsSubscription subscription, string baseUrl)
    {
        var token = subscription.Token!;
        var from = $"{(topic.DisplayName.Length > 0 ? topic.DisplayName : "AWS Notifications")} <no-reply@sns.amazonaws.com>";
        var source = new JsonObject { ["service"] = "sns", ["topicArn"] = topic.Arn, ["subscriptionArn"] = subscription.Arn };
        switch (subscription.Protocol)
        {
            case "email":
                outbox.Send(new OutgoingMail(
                    subscription.Endpoint,
                    from,
                    "AWS Notification - Subscription Confirmation",
                    $"You have chosen to subscribe to the topic: \n{topic.Arn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary): \n"
                        + $"Confirm subscription\n{SnsMessages.SubscribeUrl(baseUrl, topic.Arn, token)}\n\n"
                        + "Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out",
                    source));
                break;
            case "email-json":
                outbox.Send(new OutgoingMail(
                    subscription.Endpoint,
                    from,
                    "AWS Notification - Subscription Confirmation",
                    SnsMessages.Text(messages.SubscriptionConfirmation(topic.Arn, token, topic.SignatureVersion, baseUrl, clock.GetUtcNow())),
                    source));
                break;
            case "sqs":
                var body = SnsMessages.Text(messages.SubscriptionConfirmation(topic.Arn, token, topic.SignatureVersion, baseUrl, clock.GetUtcNow()));
                _ = SendToQueueAsync(new ServiceCaller("sns.amazonaws.com", topic.Arn, topic.Owner), subscription, body);
                break;
        }
    }

    private async Task SendToQueueAsync(ServiceCaller caller, SnsSubscription subscription, string body)
    {
        try
        {
            await queues.SendAsync(caller, subscription.Endpoint, new QueueMessage(body)).ConfigureAwait(false);
        }
        catch (DeliveryFailure failure)
        {
            LogConfirmationFailed(logger, subscription.Arn, failure.Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS subscription confirmation for {Subscription} not delivered: {Code}")]
    private static partial void LogConfirmationFailed(ILogger logger, string subscription, string code);
}
