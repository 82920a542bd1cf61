using System.Collections.Concurrent;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>The queues of one account in one region, and when names were last deleted (a name is reusable after 60 s).</summary>
internal sealed class SqsRegion
{
    public object CreateGate { get; } = new();

    public ConcurrentDictionary<string, SqsQueue> Queues { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DateTimeOffset> DeletedAt { get; } = new(StringComparer.Ordinal);
}

/// <summary>SQS state per account and region, in memory (SQS needs no durability in the emulator).</summary>
internal sealed class SqsStore : IResettable
{
    private readonly AccountRegionStore<SqsRegion> _regions = new();

    public SqsRegion Region(string accountId, string region) => _regions.Get(accountId, region);

    public SqsQueue? Find(string accountId, string region, string name) =>
        _regions.Get(accountId, region).Queues.TryGetValue(name, out var queue) ? queue : null;

    /// <summary>The queue an ARN names, or null.</summary>
    public SqsQueue? FindByArn(string arn) =>
        QueueNames.ParseArn(arn) is { } parts ? Find(parts.AccountId, parts.Region, parts.Name) : null;

    public void Reset() => _regions.Reset();
}
