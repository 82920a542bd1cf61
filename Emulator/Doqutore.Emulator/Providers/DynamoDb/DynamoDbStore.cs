using System.Collections.Concurrent;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>The tables of one account in one region.</summary>
internal sealed class DynamoDbRegion
{
    public ConcurrentDictionary<string, DynamoDbTable> Tables { get; } = new(StringComparer.Ordinal);
}

/// <summary>DynamoDB state per account and region, in memory.</summary>
internal sealed class DynamoDbStore : IResettable
{
    private readonly AccountRegionStore<DynamoDbRegion> regions = new();

    public DynamoDbRegion Region(string accountId, string region) => regions.Get(accountId, region);

    public DynamoDbRegion Region(RequestContext context) => regions.Get(context);

    public void Reset() => regions.Reset();
}
