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
/// when a data directory is configured (loaded back at start): tables, items, and streams with their records and
/// sequence state. Streams disabled (or whose table was deleted) more than 24 hours ago are dropped at start, as
/// AWS deletes them; records older than 24 hours are trimmed.
/// </summary>
internal sealed class DynamoDbStore : IResettable, IDisposable
{
    private readonly AccountRegionStore<DynamoDbRegion> regions = new();
    private readonly IDynamoDbPersistence persistence;

    public DynamoDbStore(IOptions<EmulatorOptions> options, TimeProvider clock)
    {
        var directory = options.Value.DataDirectory;
        persistence = string.IsNullOrEmpty(directory) ? NoPersistence.Instance : new SqlitePersistence(directory);
        var loaded = new List<DynamoDbTable>();
        foreach (var stored in persistence.LoadTables())
        {
            var table = TableDefinitions.FromJson(stored.Definition, stored.AccountId, stored.Region);
            table.Clock = clock;
            foreach (var item in stored.Items)
            {
                table.Put(item);
            }

            table.Persistence = persistence;
            regions.Get(stored.AccountId, stored.Region).Tables[table.Name] = table;
            loaded.Add(table);
        }

        var now = clock.GetUtcNow();
        foreach (var persisted in persistence.LoadStreams(now - Streams.DynamoDbStream.Retention))
        {
            var stream = StreamDefinitions.FromJson(persisted);
            if (stream.DisabledAt < now - Streams.DynamoDbStream.Retention)
            {
                persistence.WaitDurable(persistence.DeleteStream(stream.Arn));
                continue;
            }

            stream.Persistence = persistence;
            var state = regions.Get(persisted.AccountId, persisted.Region);
            state.Streams[stream.Arn] = stream;
            if (stream.Enabled && state.Tables.TryGetValue(stream.TableName, out var table) && table.LatestStreamArn == stream.Arn)
            {
                table.Stream = stream;
            }
        }

        // A database written before streams were persisted: its enabled streams continue empty.
        foreach (var table in loaded.Where(t => t.StreamEnabled && t.Stream is null && t.LatestStreamArn is not null))
        {
            table.Stream = new Streams.DynamoDbStream
            {
                Arn = table.LatestStreamArn!,
                AccountId = table.AccountId,
                Label = table.LatestStreamLabel!,
                TableName = table.Name,
                Region = table.Region,
                ViewType = (string)table.StreamSpecification!["StreamViewType"]!,
                Keys = table.Keys,
                CreatedAt = table.CreatedAt,
            };
            AddStream(table.Stream);
        }
    }

    public DynamoDbRegion Region(string accountId, string region) => regions.Get(accountId, region);

    public DynamoDbRegion Region(RequestContext context) => regions.Get(context);

    /// <summary>Adds a new table (false when the name is taken) and persists its definition.</summary>
    public bool Add(DynamoDbTable table)
    {
        var tables = regions.Get(table.AccountId, table.Region).Tables;
        long ticket;
        lock (tables)
        {
            if (!tables.TryAdd(table.Name, table))
            {
                return false;
            }

            ticket = persistence.SaveTable(table.AccountId, table.Region, TableDefinitions.ToJson(table));
            table.Persistence = persistence;
        }

        persistence.WaitDurable(ticket);
        return true;
    }

    /// <summary>Persists a changed table definition (the caller holds the table's lock).</summary>
    public void Save(DynamoDbTable table) =>
        persistence.WaitDurable(persistence.SaveTable(table.AccountId, table.Region, TableDefinitions.ToJson(table)));

    /// <summary>Registers a new stream of a table (the caller holds the table's lock) and persists it.</summary>
    public void AddStream(Streams.DynamoDbStream stream)
    {
        stream.Persistence = persistence;
        regions.Get(stream.AccountId, stream.Region).Streams[stream.Arn] = stream;
        persistence.WaitDurable(persistence.SaveStream(stream.AccountId, stream.Region, StreamDefinitions.ToJson(stream)));
    }

    /// <summary>Disables a stream (it stays readable, its shard closed) and persists that.</summary>
    public void Disable(Streams.DynamoDbStream stream, DateTimeOffset at)
    {
        stream.DisabledAt = at;
        persistence.WaitDurable(persistence.SaveStream(stream.AccountId, stream.Region, StreamDefinitions.ToJson(stream)));
    }

    /// <summary>Deletes a table and its items; its stream is disabled and stays readable (AWS deletes it after 24 hours).</summary>
    public void Remove(DynamoDbTable table, DateTimeOffset at)
    {
        var tables = regions.Get(table.AccountId, table.Region).Tables;
        long ticket;
        lock (tables)
        {
            lock (table.Gate)
            {
                tables.TryRemove(table.Name, out _);
                table.Persistence = NoPersistence.Instance;
                ticket = persistence.DeleteTable(table.AccountId, table.Region, table.Name);
                if (table.Stream is { } stream)
                {
                    Disable(stream, at);
                    table.Stream = null;
                }
            }
        }

        persistence.WaitDurable(ticket);
    }

    public void Reset()
    {
        regions.Reset();
        persistence.Clear();
    }

    public void Dispose() => (persistence as IDisposable)?.Dispose();
}
