using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using static Doqutore.Emulator.Tests.DynamoDb.DynamoDbHarness;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>The durable write path: a write is committed before PutItem returns, and concurrent writers lose nothing.</summary>
public sealed class DynamoDbGroupCommitTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "doqutore-ddb-commit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void CreateTable(DynamoDbHarness ddb) => ddb.DynamoDb.CreateTable(ddb.Context, JsonNode.Parse("""
        {"TableName": "commits", "BillingMode": "PAY_PER_REQUEST",
         "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
         "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}
        """)!.AsObject());

    /// <summary>Reads the items table through a second connection: what it sees is committed to the database file.</summary>
    private long CommittedItems()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "dynamodb", "dynamodb.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM items";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void A_put_is_committed_when_it_returns()
    {
        using var ddb = new DynamoDbHarness(directory);
        CreateTable(ddb);

        ddb.Put("commits", new JsonObject { ["id"] = S("a") });
        ddb.DynamoDb.UpdateItem(ddb.Context, JsonNode.Parse("""{"TableName": "commits", "Key": {"id": {"S": "b"}}, "UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}""")!.AsObject());

        Assert.Equal(2, CommittedItems());
    }

    [Fact]
    public void Concurrent_writers_all_land_and_survive_a_restart()
    {
        const int Writers = 8;
        const int PerWriter = 250;
        using (var ddb = new DynamoDbHarness(directory))
        {
            CreateTable(ddb);
            Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    ddb.Put("commits", new JsonObject { ["id"] = S($"{w}-{i}"), ["n"] = N(i.ToString(CultureInfo.InvariantCulture)) });
                }
            });

            Assert.Equal(Writers * PerWriter, CommittedItems());
        }

        using var restarted = new DynamoDbHarness(directory);
        var scanned = restarted.Pages(restarted.DynamoDb.Scan, new JsonObject { ["TableName"] = "commits" }, 500);

        Assert.Equal(Writers * PerWriter, scanned.Select(i => (string)i["id"]!["S"]!).Distinct().Count());
    }
}
