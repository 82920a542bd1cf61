using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>Query on a global secondary index through AWSSDK.DynamoDBv2: only its partition, paged without skipping or repeating.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class DynamoDbIndexPagingSdkTests(EmulatorFixture emulator)
{
    private static async Task<string> NewIndexedTable(IAmazonDynamoDB dynamo)
    {
        var name = AwsCli.Unique("gsi");
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("status", ScalarAttributeType.S), new("due", ScalarAttributeType.N)],
            KeySchema = [new("pk", KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = "byStatus",
                    KeySchema = [new("status", KeyType.HASH), new("due", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        return name;
    }

    [Fact]
    public async Task Paging_an_index_partition_by_one_visits_each_item_once_in_key_order()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var table = await NewIndexedTable(dynamo);
        var writes = Enumerable.Range(0, 200).Select(i => new WriteRequest(new PutRequest(new()
        {
            ["pk"] = new($"item-{i:D3}"),
            ["status"] = new(i % 40 == 0 ? "open" : "closed"),
            ["due"] = new() { N = (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        })));
        foreach (var chunk in writes.Chunk(25))
        {
            await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = new() { [table] = [.. chunk] } });
        }

        var seen = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        var pages = 0;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table,
                IndexName = "byStatus",
                KeyConditionExpression = "#s = :open",
                ExpressionAttributeNames = new() { ["#s"] = "status" },
                ExpressionAttributeValues = new() { [":open"] = new("open") },
                Limit = 1,
                ExclusiveStartKey = start,
            });
            seen.AddRange(page.Items.Select(i => $"{i["due"].N}:{i["pk"].S}"));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            pages++;
        }
        while (start is not null && pages < 50);

        // Items 0, 40, 80, 120, 160: due = i % 3 → 0, 1, 2, 0, 1; ties ordered by the table key.
        Assert.Equal(["0:item-000", "0:item-120", "1:item-040", "1:item-160", "2:item-080"], seen);
    }
}
