using System.Text.Json.Nodes;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.DynamoDb;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>DynamoDB's store with a data directory: tables and items written through one store are there when the next one starts.</summary>
public sealed class SqlitePersistenceTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "doqutore-ddb-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Tables_and_items_survive_a_restart()
    {
        using (var store = Store())
        {
            var table = NewTable("incidents");
            Assert.True(store.Add(table));
            lock (table.Gate)
            {
                table.Put(Item("a", "1"));
                table.Put(Item("b", "2"));
                table.Put(Item("a", "3"));
                table.Delete(new JsonObject { ["pk"] = new JsonObject { ["S"] = "b" } });
            }
        }

        using var reopened = Store();
        var loaded = reopened.Region("000000000000", "us-east-1").Tables["incidents"];

        Assert.Equal(1, loaded.ItemCount);
        Assert.Equal("3", (string?)loaded.Get(new JsonObject { ["pk"] = new JsonObject { ["S"] = "a" } })!["v"]!["N"]);
        Assert.Equal("pk", loaded.Keys.PartitionKey);
    }

    [Fact]
    public void A_deleted_table_stays_deleted_after_a_restart()
    {
        using (var store = Store())
        {
            var table = NewTable("gone");
            store.Add(table);
            lock (table.Gate)
            {
                table.Put(Item("a", "1"));
            }

            store.Remove(table, DateTimeOffset.UtcNow);
        }

        using var reopened = Store();

        Assert.Empty(reopened.Region("000000000000", "us-east-1").Tables);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private DynamoDbStore Store() => new(Options.Create(new EmulatorOptions { DataDirectory = directory }), TimeProvider.System);

    private static DynamoDbTable NewTable(string name) => new()
    {
        Name = name,
        Arn = $"arn:aws:dynamodb:us-east-1:000000000000:table/{name}",
        TableId = Guid.NewGuid().ToString(),
        AccountId = "000000000000",
        Region = "us-east-1",
        Keys = new KeySchema("pk", "S", null, null),
        AttributeDefinitions = [new JsonObject { ["AttributeName"] = "pk", ["AttributeType"] = "S" }],
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static JsonObject Item(string pk, string v) => new()
    {
        ["pk"] = new JsonObject { ["S"] = pk },
        ["v"] = new JsonObject { ["N"] = v },
    };
}
