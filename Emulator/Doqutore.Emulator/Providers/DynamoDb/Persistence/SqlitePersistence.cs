using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Doqutore.Emulator.Providers.DynamoDb.Persistence;

/// <summary>
/// DynamoDB state in SQLite (<c>{DataDirectory}/dynamodb/dynamodb.db</c>) in WAL mode. Each write is its own
/// autocommitted statement, so it is in the WAL before the call returns: a SIGKILLed process loses nothing it
/// acknowledged and never leaves half an item (synchronous=NORMAL: durable across process death; a power cut may
/// lose the last commits, which the emulator accepts). One connection, serialized by a lock.
/// </summary>
internal sealed class SqlitePersistence : IDynamoDbPersistence, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    public SqlitePersistence(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "dynamodb");
        Directory.CreateDirectory(folder);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "dynamodb.db"), Pooling = false }.ToString());
        connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS tables (account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL,
                PRIMARY KEY (account, region, name));
            CREATE TABLE IF NOT EXISTS items (account TEXT NOT NULL, region TEXT NOT NULL, table_name TEXT NOT NULL, item_key TEXT NOT NULL, item TEXT NOT NULL,
                PRIMARY KEY (account, region, table_name, item_key));
            """);
    }

    public IReadOnlyList<PersistedTable> Load()
    {
        lock (gate)
        {
            var tables = new List<PersistedTable>();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT account, region, name, definition FROM tables";
            using var reader = command.ExecuteReader();
            var rows = new List<(string, string, string, string)>();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            foreach (var (account, region, name, definition) in rows)
            {
                using var items = connection.CreateCommand();
                items.CommandText = "SELECT item FROM items WHERE account = $a AND region = $r AND table_name = $t";
                items.Parameters.AddWithValue("$a", account);
                items.Parameters.AddWithValue("$r", region);
                items.Parameters.AddWithValue("$t", name);
                using var itemReader = items.ExecuteReader();
                var list = new List<JsonObject>();
                while (itemReader.Read())
                {
                    list.Add(JsonNode.Parse(itemReader.GetString(0))!.AsObject());
                }

                tables.Add(new PersistedTable(account, region, JsonNode.Parse(definition)!.AsObject(), list));
            }

            return tables;
        }
    }

    public void SaveTable(string accountId, string region, JsonObject definition) =>
        Execute("INSERT OR REPLACE INTO tables (account, region, name, definition) VALUES ($a, $r, $n, $d)",
            ("$a", accountId), ("$r", region), ("$n", (string)definition["TableName"]!), ("$d", definition.ToJsonString()));

    public void DeleteTable(string accountId, string region, string table)
    {
        lock (gate)
        {
            using var transaction = connection.BeginTransaction();
            Execute("DELETE FROM items WHERE account = $a AND region = $r AND table_name = $n", ("$a", accountId), ("$r", region), ("$n", table));
            Execute("DELETE FROM tables WHERE account = $a AND region = $r AND name = $n", ("$a", accountId), ("$r", region), ("$n", table));
            transaction.Commit();
        }
    }

    public void PutItem(string accountId, string region, string table, string key, JsonObject item) =>
        Execute("INSERT OR REPLACE INTO items (account, region, table_name, item_key, item) VALUES ($a, $r, $t, $k, $i)",
            ("$a", accountId), ("$r", region), ("$t", table), ("$k", key), ("$i", item.ToJsonString()));

    public void DeleteItem(string accountId, string region, string table, string key) =>
        Execute("DELETE FROM items WHERE account = $a AND region = $r AND table_name = $t AND item_key = $k",
            ("$a", accountId), ("$r", region), ("$t", table), ("$k", key));

    public void Clear() => Execute("DELETE FROM items; DELETE FROM tables;");

    public void Dispose() => connection.Dispose();

    private void Execute(string sql, params (string Name, string Value)[] parameters)
    {
        lock (gate)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }
    }
}
