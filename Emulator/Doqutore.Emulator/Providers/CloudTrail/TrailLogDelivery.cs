using Doqutore.Emulator.Delivery;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Writes each trail's pending records as log files every <see cref="CloudTrailOptions.DeliveryInterval"/>, through
/// <see cref="ITrailLogStore"/>. While no store is registered (S3 arrives with the data-plane issue) the pending
/// records are discarded at each interval and GetTrailStatus shows no delivery. A failed write is reported as
/// the trail's LatestDeliveryError (the S3 error code), and its records are not retried [gap: AWS retries].
/// </summary>
public sealed class TrailLogDelivery(CloudTrailStore store, TimeProvider clock, IServiceProvider services, IOptions<CloudTrailOptions> options) : BackgroundService
{
    /// <summary>Delivers every trail's pending records now; returns how many files were written.</summary>
    public int DeliverAll()
    {
        var logStore = services.GetService(typeof(ITrailLogStore)) as ITrailLogStore;
        var files = 0;
        foreach (var trail in store.AllTrails())
        {
            var records = trail.Log.Drain();
            if (records.Count == 0 || logStore is null)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            try
            {
                foreach (var (key, content) in TrailLogFiles.Files(trail.S3KeyPrefix, records, now))
                {
                    logStore.PutObject(trail.S3BucketName, key, content, trail.Arn, trail.AccountId);
                    files++;
                }

                trail.Log.Delivered(now);
            }
            catch (DeliveryFailure failure)
            {
                trail.Log.Failed(now, failure.Code);
            }
        }

        return files;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeliveryInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                DeliverAll();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: undelivered records go with the emulator, as its other state does.
        }
    }
}
