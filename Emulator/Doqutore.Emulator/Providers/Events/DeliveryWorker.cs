using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Delivers matched events to their targets in the background, never on the caller's thread, with
/// EventBridge's retry policy.
/// </summary>
/// <remarks>
/// One reader takes jobs off the <see cref="DeliveryQueue"/> and makes one attempt each. A retryable failure
/// (throttling, a timeout, anything but NO_PERMISSIONS/NO_RESOURCE) is put back on the queue after an
/// exponential backoff with jitter, measured with the injected <see cref="TimeProvider"/>, until the target's
/// <c>MaximumRetryAttempts</c> or <c>MaximumEventAgeInSeconds</c> runs out. A failure for good goes to the
/// target's dead-letter queue with the attributes of AWS's guide (RULE_ARN, TARGET_ARN, ERROR_CODE,
/// ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION, RETRY_ATTEMPTS); with no dead-letter queue, or when that send
/// fails too, it is counted as dropped and logged (ids and codes only, never the body). Nothing is lost
/// silently: every outcome lands in the <see cref="EventLog"/>.
/// </remarks>
public sealed partial class DeliveryWorker(
    DeliveryQueue queue,
    TargetDispatcher dispatcher,
    EventLog log,
    TimeProvider clock,
    IOptions<EventsOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await AttemptAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: events still queued go with the process, as the emulator's state does.
        }
    }

    /// <summary>One delivery attempt of <paramref name="job"/>, and what follows from its outcome.</summary>
    public async Task AttemptAsync(DeliveryJob job, CancellationToken cancellationToken)
    {
        job.Attempts++;
        DeliveryFailure failure;
        try
        {
            var body = Render(job);
            var messageId = await dispatcher.SendAsync(job, body, cancellationToken).ConfigureAwait(false);
            job.Record.Update(DeliveryStatus.Delivered, job.Attempts, messageId: messageId);
            log.CountDelivered();
            return;
        }
        catch (DeliveryFailure refused)
        {
            failure = refused;
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            // [guess] An unexpected fault of the target service counts as retryable, as an internal error would.
            failure = new DeliveryFailure("INTERNAL_ERROR", $"The target failed unexpectedly ({unexpected.GetType().Name}).", retryable: true);
        }

        var retries = job.Attempts - 1;
        string? exhausted = null;
        if (failure.Retryable)
        {
            var delay = Backoff(retries);
            var age = clock.GetUtcNow() + delay - job.IngestionTime;
            if (retries >= job.Target.MaximumRetryAttempts)
            {
                exhausted = "MaximumRetryAttempts";
            }
            else if (age.TotalSeconds > job.Target.MaximumEventAgeInSeconds)
            {
                exhausted = "MaximumEventAgeInSeconds";
            }
            else
            {
                job.Record.Update(DeliveryStatus.Retrying, job.Attempts, failure.Code, failure.Message);
                log.CountRetried();
                _ = RetryLaterAsync(job, delay, cancellationToken);
                return;
            }
        }

        await FailAsync(job, failure, exhausted, retries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The delay before retry number <paramref name="retries"/> + 1: doubling from the base, capped, with jitter in its upper half.</summary>
    public TimeSpan Backoff(int retries)
    {
        var settings = options.Value;
        var doubled = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retries, 30));
        var capped = Math.Min(doubled, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private async Task RetryLaterAsync(DeliveryJob job, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            queue.Enqueue(job);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task FailAsync(DeliveryJob job, DeliveryFailure failure, string? exhausted, int retries, CancellationToken cancellationToken)
    {
        var target = job.Target;
        if (target.DeadLetterArn is null)
        {
            job.Record.Update(DeliveryStatus.Dropped, job.Attempts, failure.Code, failure.Message);
            log.CountDropped();
            LogDropped(logger, job.RuleArn, target.Arn, failure.Code, job.Attempts);
            return;
        }

        var attributes = new Dictionary<string, MessageAttribute>(StringComparer.Ordinal)
        {
            ["RULE_ARN"] = new("String", job.RuleArn),
            ["TARGET_ARN"] = new("String", target.Arn),
            ["ERROR_CODE"] = new("String", failure.Code),
            ["ERROR_MESSAGE"] = new("String", failure.Message),
            ["RETRY_ATTEMPTS"] = new("Number", retries.ToString(CultureInfo.InvariantCulture)),
        };

        // [guess] Only failures that ran out of retries name the condition that ended them.
        if (exhausted is not null)
        {
            attributes["EXHAUSTED_RETRY_CONDITION"] = new("String", exhausted);
        }

        try
        {
            await dispatcher.SendDeadLetterAsync(job, new QueueMessage(job.EventJson) { Attributes = attributes }, cancellationToken).ConfigureAwait(false);
            job.Record.Update(DeliveryStatus.DeadLettered, job.Attempts, failure.Code, failure.Message);
            log.CountDeadLettered();
        }
        catch (Exception deadLetterFailure) when (deadLetterFailure is not OperationCanceledException)
        {
            var code = (deadLetterFailure as DeliveryFailure)?.Code ?? deadLetterFailure.GetType().Name;
            job.Record.Update(DeliveryStatus.DeadLetterFailed, job.Attempts, failure.Code, $"{failure.Message} Dead-letter queue {target.DeadLetterArn}: {code}");
            log.CountDropped();
            LogDeadLetterFailed(logger, job.RuleArn, target.Arn, target.DeadLetterArn, failure.Code, code);
        }
    }

    private static string Render(DeliveryJob job)
    {
        if (job.Target is { Input: null, InputPath: null, Transformer: null })
        {
            return job.EventJson;
        }

        var envelope = JsonNode.Parse(job.EventJson, documentOptions: EventEnvelope.DetailOptions)!.AsObject();
        return TargetInput.Render(job.Target, envelope, job.RuleArn, job.RuleName, job.IngestionTime);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EventBridge dropped an event of rule {RuleArn} for target {TargetArn}: {ErrorCode} after {Attempts} attempt(s), and the target has no dead-letter queue")]
    private static partial void LogDropped(ILogger logger, string ruleArn, string targetArn, string errorCode, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "EventBridge could not dead-letter an event of rule {RuleArn} for target {TargetArn} to {DeadLetterArn}: target {ErrorCode}, dead-letter queue {DeadLetterCode}")]
    private static partial void LogDeadLetterFailed(ILogger logger, string ruleArn, string targetArn, string deadLetterArn, string errorCode, string deadLetterCode);
}
