using System.Collections.Concurrent;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>
/// An emulator whose default event bus and trail log bucket are test doubles: what CloudTrail puts on the bus and
/// writes as log files can be read back. The doubles are registered last, so they stand in for EventBridge and S3
/// even once those services register their own.
/// </summary>
public sealed class CloudTrailDeliveryFixture : EmulatorFixture
{
    public CapturingEventBus Bus { get; } = new();

    public MemoryTrailLogStore LogStore { get; } = new();

    public TrailLogDelivery Delivery => Services.GetRequiredService<TrailLogDelivery>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IServiceEventBus>(Bus);
        services.AddSingleton<ITrailLogStore>(LogStore);
    }
}

/// <summary>The default event bus as a list of what was put on it.</summary>
public sealed class CapturingEventBus : IServiceEventBus
{
    private readonly ConcurrentQueue<ServiceEvent> _events = new();

    public IReadOnlyCollection<ServiceEvent> Events => _events;

    public void Put(ServiceEvent serviceEvent) => _events.Enqueue(serviceEvent);

    /// <summary>The events of one region's bus.</summary>
    public IReadOnlyList<ServiceEvent> In(string region) => _events.Where(e => e.Region == region).ToArray();
}

/// <summary>A bucket of trail log files in memory: every bucket exists and admits CloudTrail.</summary>
public sealed class MemoryTrailLogStore : ITrailLogStore
{
    public ConcurrentDictionary<string, byte[]> Objects { get; } = new(StringComparer.Ordinal);

    public TrailBucketCheck CheckBucket(string accountId, string bucket, string? keyPrefix, string trailArn) => TrailBucketCheck.Ok;

    public void PutObject(string bucket, string key, byte[] content, string trailArn, string accountId) => Objects[$"{bucket}/{key}"] = content;
}
