using Doqutore.Emulator.Providers.Lambda.Runtime;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Lambda's asynchronous invocation queue (reference §6.6): each event runs when the function has a free slot
/// (throttled events wait, backing off from 1 s to 5 min); a function error is retried
/// <c>MaximumRetryAttempts</c> times (default 2) after <see cref="LambdaOptions.RetryBaseDelay"/> × the attempt number
/// (AWS: 1 then 2 minutes), unless the event is older than <c>MaximumEventAgeInSeconds</c> (default 6 h); then the
/// outcome goes to the destinations and dead-letter queue (<see cref="AsyncDestinations"/>). Waits run on the
/// emulator's clock. The same request id is used for every attempt, as AWS does.
/// </summary>
internal sealed partial class AsyncInvocations(
    LambdaStore store,
    FunctionRuntimes runtimes,
    AsyncDestinations destinations,
    IOptions<LambdaOptions> options,
    TimeProvider clock,
    ILogger<AsyncInvocations> logger) : IHostedService
{
    private const int DefaultRetries = 2;
    private const int DefaultMaximumAgeSeconds = 21600;

    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _running = [];
    private readonly Lock _gate = new();

    /// <summary>Queues an <c>Event</c> invocation of <paramref name="config"/>'s function.</summary>
    public void Enqueue(FunctionConfig config, byte[] payload, string requestId)
    {
        var queued = new QueuedEvent(config.AccountId, config.Region, config.Name, config.Arn, payload, requestId, clock.GetUtcNow());
        var task = Task.Run(() => RunAsync(queued, _stopping.Token));
        lock (_gate)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_gate)
                {
                    _running.Remove(t);
                }
            },
            TaskScheduler.Default);
    }

    private async Task RunAsync(QueuedEvent queued, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var throttleDelay = TimeSpan.FromSeconds(1);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (store.Find(queued.Account, queued.Region, queued.Name) is not { } function)
                {
                    LogDropped(logger, queued.FunctionArn, queued.RequestId);
                    return;
                }

                EventInvokeConfig? settings;
                int? reserved;
                lock (function.Gate)
                {
                    (settings, reserved) = (function.EventInvokeConfig, function.ReservedConcurrency);
                }

                var config = function.Config;
                if (reserved == 0)
                {
                    // Reserved concurrency 0: the event goes straight to the failure targets (reference §6.6).
                    await destinations.FailureAsync(config, settings, queued, null, "RetriesExhausted", attempts).ConfigureAwait(false);
                    return;
                }

                if (clock.GetUtcNow() - queued.Queued > TimeSpan.FromSeconds(settings?.MaximumEventAgeInSeconds ?? DefaultMaximumAgeSeconds))
                {
                    await destinations.FailureAsync(config, settings, queued, null, "EventAgeExceeded", attempts).ConfigureAwait(false);
                    return;
                }

                var result = await runtimes.InvokeAsync(function, new Invocation(queued.RequestId, queued.Payload, config.Arn)).ConfigureAwait(false);
                if (result is null)
                {
                    await Task.Delay(throttleDelay, clock, cancellationToken).ConfigureAwait(false);
                    throttleDelay = TimeSpan.FromTicks(Math.Min(throttleDelay.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
                    continue;
                }

                attempts++;
                if (result.FunctionError is null)
                {
                    await destinations.SuccessAsync(config, settings, queued, result, attempts).ConfigureAwait(false);
                    return;
                }

                if (attempts > (settings?.MaximumRetryAttempts ?? DefaultRetries))
                {
                    await destinations.FailureAsync(config, settings, queued, result, "RetriesExhausted", attempts).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(options.Value.RetryBaseDelay * attempts, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The emulator is stopping: queued events are not kept across restarts.
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asynchronous invocation {RequestId} of {Function} dropped: the function no longer exists")]
    private static partial void LogDropped(ILogger logger, string function, string requestId);
}

/// <summary>An event waiting in the asynchronous queue.</summary>
internal sealed record QueuedEvent(string Account, string Region, string Name, string FunctionArn, byte[] Payload, string RequestId, DateTimeOffset Queued);
