using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Writes each trail's pending records as log files every <see cref="CloudTrailOptions.DeliveryInterval"/>, through
/// <see cref="ITrailLogStore"/>, then notifies the trail's SNS topic, if any, with the keys written
/// (<c>{"s3Bucket":…,"s3ObjectKey":[…]}</c>). In a host without S3's store the pending records are discarded at each
/// interval and GetTrailStatus shows no delivery. A failed write (bucket deleted, policy denying) is reported as the
/// trail's LatestDeliveryError and its records are kept: the trail is tried again after one interval, then after twice
/// as long on each further failure (at most <see cref="MaxBackoff"/>), until the bucket takes them. A failed
/// notification is reported as LatestNotificationError.
/// </summary>
public sealed class TrailLogDelivery(CloudTrailStore store, TimeProvider clock, IServiceProvider services, IOptions<CloudTrailOptions> options) : BackgroundService
{
    private const string ServicePrincipal = "cloudtrail.amazonaws.com";

    /// <summary>The longest wait between two attempts to deliver to a failing bucket.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>Delivers every trail's pending records now (trails backing off after a failure wait for their time); returns how many files were written.</summary>
    public async Task<int> DeliverAllAsync(CancellationToken cancellationToken = default)
    {
        var logStore = services.GetService(typeof(ITrailLogStore)) as ITrailLogStore;
        var files = 0;
        foreach (var trail in store.AllTrails())
        {
            var now = clock.GetUtcNow();
            if (trail.Log.NextAttemptAt > now)
            {
                continue;
            }

            var records = trail.Log.Drain();
            if (records.Count == 0 || logStore is null)
            {
                continue;
            }

            var keys = new List<string>();
            var batches = TrailLogFiles.Batches(records).ToList();
            var written = 0;
            try
            {
                for (; written < batches.Count; written++)
                {
                    var (key, content) = TrailLogFiles.File(trail.S3KeyPrefix, batches[written], now);
                    logStore.PutObject(trail.S3BucketName, key, content, trail.Arn, trail.AccountId);
                    keys.Add(key);
                    files++;
                }

                trail.Log.Delivered(now);
            }
            catch (DeliveryFailure failure)
            {
                var unwritten = batches.Skip(written).SelectMany(b => b).ToList();
                trail.Log.Failed(now, DeliveryError(failure), unwritten, options.Value.DeliveryInterval, MaxBackoff);
            }

            if (keys.Count > 0 && trail.SnsTopicArn is { } topic)
            {
                await NotifyAsync(trail, topic, keys, cancellationToken).ConfigureAwait(false);
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
                await DeliverAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: undelivered records go with the emulator, as its other state does.
        }
    }

    /// <summary>AWS's notification of delivered log files: the bucket and the keys, published as CloudTrail for the trail.</summary>
    private async Task NotifyAsync(Trail trail, string topicArn, List<string> keys, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(ITopicPublisher)) is not ITopicPublisher publisher)
        {
            return;
        }

        var message = new JsonObject
        {
            ["s3Bucket"] = trail.S3BucketName,
            ["s3ObjectKey"] = new JsonArray(keys.Select(k => (JsonNode?)k).ToArray()),
        }.ToJsonString();
        try
        {
            await publisher.PublishAsync(new ServiceCaller(ServicePrincipal, trail.Arn, trail.AccountId), topicArn, new TopicMessage(message), cancellationToken).ConfigureAwait(false);
            trail.Log.Notified(clock.GetUtcNow());
        }
        catch (DeliveryFailure failure)
        {
            trail.Log.NotificationFailed(NotificationError(failure));
        }
    }

    /// <summary>The delivery error GetTrailStatus shows, in S3's words [guess: AWS shows S3's error code].</summary>
    private static string DeliveryError(DeliveryFailure failure) => failure.Code switch
    {
        "NO_RESOURCE" => "NoSuchBucket",
        "NO_PERMISSIONS" => "AccessDenied",
        var code => code,
    };

    /// <summary>The notification error GetTrailStatus shows, in SNS's words [guess: AWS shows SNS's error code].</summary>
    private static string NotificationError(DeliveryFailure failure) => failure.Code switch
    {
        "NO_RESOURCE" => "NotFound",
        "NO_PERMISSIONS" => "AuthorizationError",
        var code => code,
    };
}
