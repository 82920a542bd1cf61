using System.Collections.Concurrent;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.DynamoDb.Persistence;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>The tables of one account in one region.</summary>
internal sealed class DynamoDbRegion
{
    public ConcurrentDictionary<string, DynamoDbTable> Tables { get; } = new(StringComparer.Ordinal);

    /// <summary>Every stream of the region's tables by ARN, the disabled ones included (still readable).</summary>
    public ConcurrentDictionary<string, Streams.DynamoDbStream> Streams { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// DynamoDB state per account and region: in memory, made durable in SQLite under <c>{DataDirectory}/dynamodb/</c>
/// when a data directory is configured (loaded back at start).
/// </summary>
internal sealed class DynamoDbStore : IResettable, IDisposable
{
    private readonly AccountRegionStore<DynamoDbRegion> regions = new();
    private readonly IDynamoDbPersistence persistence;

    public DynamoDbStore(IOptions<EmulatorOptions> options)
    {
        var directory = options.Value.DataDirectory;
        persistence = string.IsNullOrEmpty(directory) ? new NoPersistence() : new SqlitePersistence(directory);
        foreach (var stored in persistence.Load())
        {
            var table = TableDefinitions.FromJson(stored.Definition, stored.AccountId, stored.Region);
            foreach (var item in stored.Items)
            {
                table.Put(item);
            }

            table.Persistence = persistence;
            var state = regions.Get(stored.AccountId, stored.Region);
            state.Tables[table.Name] = table;
            if (table.StreamEnabled && table.LatestStreamArn is not null)
            {
                // Stream records are not persisted: after a restart the stream continues empty.
                table.Stream = new Streams.DynamoDbStream
                {
                    Arn = table.LatestStreamArn,
                    Label = table.LatestStreamLabel!,
                    TableName = table.Name,
                    Region = table.Region,
                    ViewType = (string)table.StreamSpecification!["StreamViewType"]!,
                    Keys = table.Keys,
                    CreatedAt = table.CreatedAt,
                };
                state.Streams[table.Stream.Arn] = table.Stream;
            }
        }
    }

    public DynamoDbRegion Region(string accountId, string region) => regions.Get(accountId, region);

    public DynamoDbRegion Region(RequestContext context) => regions.Get(context);

    /// <summary>Adds a new table (false when the name is taken) and persists its definition.</summary>
    public bool Add(DynamoDbTable table)
    {
        var tables = regions.Get(table.AccountId, table.Region).Tables;
        lock (tables)
        {
            if (!tables.TryAdd(table.Name, table))
            {
                return false;
            }

            persistence.SaveTable(table.AccountId, table.Region, TableDefinitions.ToJson(table));
            table.Persistence = persistence;
            return true;
        }
    }

    /// <summary>Persists a changed table definition.</summary>
    public void Save(DynamoDbTable table) => persistence.SaveTable(table.AccountId, table.Region, TableDefinitions.ToJson(table));

    public void Remove(DynamoDbTable table)
    {
        var tables = regions.Get(table.AccountId, table.Region).Tables;
        lock (tables)
        {
            lock (table.Gate)
            {
                tables.TryRemove(table.Name, out _);
                table.Persistence = new NoPersistence();
                persistence.DeleteTable(table.AccountId, table.Region, table.Name);
            }
        }
    }

    public void Reset()
    {
        regions.Reset();
        persistence.Clear();
    }

    public void Dispose() => (persistence as IDisposable)?.Dispose();
}
