using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Persistence;

/// <summary>A persisted table: where it lives, its definition (<see cref="TableDefinitions"/>) and its items.</summary>
internal sealed record PersistedTable(string AccountId, string Region, JsonObject Definition, IReadOnlyList<JsonObject> Items);

/// <summary>
/// Where DynamoDB's state is made durable. The in-memory tables stay the read model; every write is handed here
/// under the table's lock and is committed before the call returns, so an acknowledged write survives a kill.
/// </summary>
internal interface IDynamoDbPersistence
{
    IReadOnlyList<PersistedTable> Load();

    void SaveTable(string accountId, string region, JsonObject definition);

    void DeleteTable(string accountId, string region, string table);

    void PutItem(string accountId, string region, string table, string key, JsonObject item);

    void DeleteItem(string accountId, string region, string table, string key);

    void Clear();
}

/// <summary>In-memory mode (no data directory): nothing is persisted.</summary>
internal sealed class NoPersistence : IDynamoDbPersistence
{
    public IReadOnlyList<PersistedTable> Load() => [];

    public void SaveTable(string accountId, string region, JsonObject definition)
    {
    }

    public void DeleteTable(string accountId, string region, string table)
    {
    }

    public void PutItem(string accountId, string region, string table, string key, JsonObject item)
    {
    }

    public void DeleteItem(string accountId, string region, string table, string key)
    {
    }

    public void Clear()
    {
    }
}
