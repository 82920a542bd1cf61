using System.Text.Json.Nodes;
using System.Threading.Channels;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>One message on its way to one subscription, with everything needed once the topic may be gone.</summary>
internal sealed record SnsDelivery(
    SnsPublication Publication,
    string SubscriptionArn,
    string Protocol,
    string Endpoint,
    bool RawMessageDelivery,
    string? DeadLetterQueueArn,
    string TopicOwner,
    string TopicDisplayName,
    string SignatureVersion,
    string BaseUrl);

/// <summary>
/// Delivers published messages in the background, so Publish answers at once as in AWS. Each delivery goes
/// to SQS through <see cref="IQueueSender"/>, to Lambda through <see cref="IFunctionInvoker"/> (both as
/// <c>sns.amazonaws.com</c> for the topic, so queue and function policies decide), or to the
/// <see cref="Outbox"/> for email. Retryable failures are retried; what still fails goes to the
/// subscription's dead-letter queue when it has one. Nothing is dropped silently: every outcome is counted in
/// <see cref="SnsDeliveryStats"/> and failures are logged (subscription and error code, never the body).
/// </summary>
internal sealed partial class SnsDeliveryWorker(
    IQueueSender queues,
    IFunctionInvoker functions,
    Outbox outbox,
    SnsMessages messages,
    SnsDeliveryStats stats,
    ILogger<SnsDeliveryWorker> logger) : BackgroundService
{
    /// <summary>Delays before the retries of a retryable failure (AWS retries SQS and Lambda far longer; [guess] kept short here).</summary>
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private readonly Channel<SnsDelivery> _queue = Channel.CreateUnbounded<SnsDelivery>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(SnsDelivery delivery)
    {
        stats.Queued();
        _queue.Writer.TryWrite(delivery);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Two readers, so one slow retry does not hold up every other subscription.
        await Task.WhenAll(ReadAsync(stoppingToken), ReadAsync(stoppingToken)).ConfigureAwait(false);
    }

    private async Task ReadAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await DeliverAsync(delivery, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Delivers one message with retries and dead-lettering; never throws but on shutdown.</summary>
    public async Task DeliverAsync(SnsDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            DeliveryFailure failure;
            try
            {
                await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
                stats.Delivered();
                return;
            }
            catch (DeliveryFailure error)
            {
                failure = error;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failure = new DeliveryFailure("SDK_CLIENT_ERROR", error.Message, retryable: false);
            }

            if (failure.Retryable && attempt < RetryDelays.Length)
            {
                stats.Retried();
                await Task.Delay(RetryDelays[attempt++], cancellationToken).ConfigureAwait(false);
                continue;
            }

            await DeadLetterAsync(delivery, failure, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    private Task SendAsync(SnsDelivery delivery, CancellationToken cancellationToken)
    {
        var publication = delivery.Publication;
        var message = publication.MessageFor(delivery.Protocol);
        switch (delivery.Protocol)
        {
            case "sqs":
                return queues.SendAsync(Caller(delivery), delivery.Endpoint, QueueMessageOf(delivery, message), cancellationToken);
            case "lambda":
                var payload = messages.LambdaEvent(publication, message, delivery.SubscriptionArn, delivery.SignatureVersion, delivery.BaseUrl);
                return functions.InvokeAsync(Caller(delivery), delivery.Endpoint, SnsMessages.Text(payload), cancellationToken);
            case "email":
                outbox.Send(Mail(delivery, publication.Subject ?? "AWS Notification Message", message + EmailFooter(delivery)));
                return Task.CompletedTask;
            case "email-json":
                var json = messages.Notification(publication, message, delivery.SubscriptionArn, delivery.SignatureVersion, delivery.BaseUrl);
                outbox.Send(Mail(delivery, publication.Subject ?? "AWS Notification Message", SnsMessages.Text(json)));
                return Task.CompletedTask;
            default:
                throw new DeliveryFailure("SDK_CLIENT_ERROR", $"The emulator does not deliver to protocol {delivery.Protocol}.", retryable: false);
        }
    }

    private QueueMessage QueueMessageOf(SnsDelivery delivery, string message)
    {
        if (delivery.RawMessageDelivery)
        {
            return new QueueMessage(message) { Attributes = SnsMessageAttributes.ToQueueAttributes(delivery.Publication.Attributes) };
        }

        var notification = messages.Notification(delivery.Publication, message, delivery.SubscriptionArn, delivery.SignatureVersion, delivery.BaseUrl);
        return new QueueMessage(SnsMessages.Text(notification));
    }

    /// <summary>
    /// Sends the undeliverable message to the subscription's dead-letter queue, with the error in message
    /// attributes ([guess] ErrorCode, ErrorMessage, RequestID, as AWS's DLQ guide shows them), or counts it lost.
    /// </summary>
    private async Task DeadLetterAsync(SnsDelivery delivery, DeliveryFailure failure, CancellationToken cancellationToken)
    {
        LogDeliveryFailed(logger, delivery.SubscriptionArn, delivery.Protocol, failure.Code);
        if (delivery.DeadLetterQueueArn is not { } dlq)
        {
            stats.Dropped();
            LogDropped(logger, delivery.SubscriptionArn, stats.DroppedCount);
            return;
        }

        var message = delivery.Publication.MessageFor(delivery.Protocol);
        var original = delivery.Protocol == "sqs"
            ? QueueMessageOf(delivery, message)
            : new QueueMessage(SnsMessages.Text(messages.Notification(delivery.Publication, message, delivery.SubscriptionArn, delivery.SignatureVersion, delivery.BaseUrl)));
        var attributes = new Dictionary<string, MessageAttribute>(original.Attributes, StringComparer.Ordinal)
        {
            ["ErrorCode"] = new("String", failure.Code),
            ["ErrorMessage"] = new("String", failure.Message),
            ["RequestID"] = new("String", delivery.Publication.MessageId),
        };
        try
        {
            await queues.SendAsync(Caller(delivery), dlq, original with { Attributes = attributes }, cancellationToken).ConfigureAwait(false);
            stats.DeadLettered();
        }
        catch (DeliveryFailure dlqFailure)
        {
            stats.Dropped();
            LogDeadLetterFailed(logger, delivery.SubscriptionArn, dlqFailure.Code, stats.DroppedCount);
        }
    }

    private static ServiceCaller Caller(SnsDelivery delivery) => new("sns.amazonaws.com", delivery.Publication.TopicArn, delivery.TopicOwner);

    private static OutgoingMail Mail(SnsDelivery delivery, string subject, string body) => new(
        delivery.Endpoint,
        $"{(delivery.TopicDisplayName.Length > 0 ? delivery.TopicDisplayName : "AWS Notifications")} <no-reply@sns.amazonaws.com>",
        subject,
        body,
        new JsonObject
        {
            ["service"] = "sns",
            ["topicArn"] = delivery.Publication.TopicArn,
            ["subscriptionArn"] = delivery.SubscriptionArn,
            ["messageId"] = delivery.Publication.MessageId,
        });

    private static string EmailFooter(SnsDelivery delivery) =>
        "\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n"
        + SnsMessages.UnsubscribeUrl(delivery.BaseUrl, delivery.SubscriptionArn)
        + "\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support";

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS delivery to {Subscription} ({Protocol}) failed: {Code}")]
    private static partial void LogDeliveryFailed(ILogger logger, string subscription, string protocol, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS message for {Subscription} dropped: no dead-letter queue ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, string subscription, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNS dead-letter delivery for {Subscription} failed: {Code} ({Dropped} dropped so far)")]
    private static partial void LogDeadLetterFailed(ILogger logger, string subscription, string code, long dropped);
}

/// <summary>Counts of SNS delivery outcomes since start or reset (<c>GET /_doqutore/sns/deliveries</c>).</summary>
internal sealed class SnsDeliveryStats : IResettable
{
    private long _queued;
    private long _delivered;
    private long _retried;
    private long _deadLettered;
    private long _dropped;

    public long DroppedCount => Interlocked.Read(ref _dropped);

    public void Queued() => Interlocked.Increment(ref _queued);

    public void Delivered() => Interlocked.Increment(ref _delivered);

    public void Retried() => Interlocked.Increment(ref _retried);

    public void DeadLettered() => Interlocked.Increment(ref _deadLettered);

    public void Dropped() => Interlocked.Increment(ref _dropped);

    public JsonObject ToJson() => new()
    {
        ["queued"] = Interlocked.Read(ref _queued),
        ["delivered"] = Interlocked.Read(ref _delivered),
        ["retried"] = Interlocked.Read(ref _retried),
        ["deadLettered"] = Interlocked.Read(ref _deadLettered),
        ["dropped"] = Interlocked.Read(ref _dropped),
    };

    public void Reset()
    {
        Interlocked.Exchange(ref _queued, 0);
        Interlocked.Exchange(ref _delivered, 0);
        Interlocked.Exchange(ref _retried, 0);
        Interlocked.Exchange(ref _deadLettered, 0);
        Interlocked.Exchange(ref _dropped, 0);
    }
}
