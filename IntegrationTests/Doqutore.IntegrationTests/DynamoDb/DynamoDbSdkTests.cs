using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>The official AWSSDK.DynamoDBv2 low-level client against the emulator.</summary>
[Collection(EmulatorCollection.Name)]
public class DynamoDbSdkTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task A_table_is_created_described_listed_and_deleted()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);

        var table = (await dynamo.DescribeTableAsync(name)).Table;

        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal($"arn:aws:dynamodb:{EmulatorFixture.Region}:000000000000:table/{name}", table.TableArn);
        Assert.Equal(["pk", "sk"], table.KeySchema.Select(k => k.AttributeName));
        Assert.Equal(BillingMode.PAY_PER_REQUEST, table.BillingModeSummary.BillingMode);
        Assert.Contains(name, (await dynamo.ListTablesAsync()).TableNames);
        await dynamo.DeleteTableAsync(name);
        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => dynamo.DescribeTableAsync(name));
        Assert.Equal($"Requested resource not found: Table: {name} not found", missing.Message);
    }

    [Fact]
    public async Task Creating_a_table_twice_is_refused()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);

        var error = await Assert.ThrowsAsync<ResourceInUseException>(() => dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
        }));

        Assert.Equal($"Table already exists: {name}", error.Message);
    }

    [Fact]
    public async Task An_item_is_put_read_updated_and_deleted()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new("p1"), ["sk"] = new("s1") };

        await dynamo.PutItemAsync(name, new Dictionary<string, AttributeValue>(key) { ["count"] = new() { N = "1" }, ["tags"] = new() { SS = ["a"] } });
        var updated = await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = name,
            Key = key,
            UpdateExpression = "SET #c = #c + :one ADD tags :t REMOVE gone",
            ExpressionAttributeNames = new() { ["#c"] = "count" },
            ExpressionAttributeValues = new() { [":one"] = new() { N = "1" }, [":t"] = new() { SS = ["b"] } },
            ReturnValues = ReturnValue.ALL_NEW,
        });
        var read = await dynamo.GetItemAsync(name, key);
        var deleted = await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = name, Key = key, ReturnValues = ReturnValue.ALL_OLD });

        Assert.Equal("2", updated.Attributes["count"].N);
        Assert.Equal(["a", "b"], read.Item["tags"].SS);
        Assert.Equal("2", deleted.Attributes["count"].N);
        Assert.False((await dynamo.GetItemAsync(name, key)).IsItemSet);
    }

    [Fact]
    public async Task A_failed_condition_answers_ConditionalCheckFailedException_and_writes_nothing()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);
        var item = new Dictionary<string, AttributeValue> { ["pk"] = new("p"), ["sk"] = new("s"), ["v"] = new("first") };
        await dynamo.PutItemAsync(name, item);

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = name,
            Item = new Dictionary<string, AttributeValue>(item) { ["v"] = new("second") },
            ConditionExpression = "attribute_not_exists(pk)",
        }));

        Assert.Equal("The conditional request failed", error.Message);
        Assert.Equal("first", (await dynamo.GetItemAsync(name, new() { ["pk"] = new("p"), ["sk"] = new("s") })).Item["v"].S);
    }

    [Fact]
    public async Task An_invalid_expression_answers_AWS_validation_message()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = name,
            Key = new() { ["pk"] = new("p"), ["sk"] = new("s") },
            UpdateExpression = "SET status = :s",
            ExpressionAttributeValues = new() { [":s"] = new("x") },
        }));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status", error.Message);
    }

    [Fact]
    public async Task A_key_of_the_wrong_shape_is_refused()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.GetItemAsync(name, new() { ["pk"] = new("p") }));

        Assert.Equal("The provided key element does not match the schema", error.Message);
    }

    [Fact]
    public async Task Query_reads_a_partition_in_sort_order_with_filter_limit_and_pagination()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);
        for (var i = 0; i < 10; i++)
        {
            await dynamo.PutItemAsync(name, new() { ["pk"] = new("p"), ["sk"] = new($"s{i:D2}"), ["n"] = new() { N = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }

        await dynamo.PutItemAsync(name, new() { ["pk"] = new("other"), ["sk"] = new("s00") });
        var seen = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = name,
                KeyConditionExpression = "pk = :p AND sk BETWEEN :a AND :b",
                FilterExpression = "n <> :three",
                ExpressionAttributeValues = new() { [":p"] = new("p"), [":a"] = new("s02"), [":b"] = new("s08"), [":three"] = new() { N = "3" } },
                ScanIndexForward = false,
                Limit = 3,
                ExclusiveStartKey = start,
            });
            seen.AddRange(page.Items.Select(i => i["sk"].S));
            start = page.LastEvaluatedKey is { Count: > 0 } ? page.LastEvaluatedKey : null;
        }
        while (start is not null);

        Assert.Equal(["s08", "s07", "s06", "s05", "s04", "s02"], seen);
    }

    [Fact]
    public async Task A_global_secondary_index_is_queried_by_its_own_key()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = AwsCli.Unique("gsi");
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("email", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH)],
            GlobalSecondaryIndexes = [new GlobalSecondaryIndex { IndexName = "by-email", KeySchema = [new("email", KeyType.HASH)], Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY } }],
        });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("u1"), ["email"] = new("a@example.com"), ["secret"] = new("x") });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("u2"), ["email"] = new("b@example.com") });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("u3") });

        var found = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = name,
            IndexName = "by-email",
            KeyConditionExpression = "email = :e",
            ExpressionAttributeValues = new() { [":e"] = new("a@example.com") },
        });

        var item = Assert.Single(found.Items);
        Assert.Equal(["email", "pk"], item.Keys.Order());
    }

    [Fact]
    public async Task Scan_segments_split_the_table_without_overlap()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo, sortKey: false);
        for (var i = 0; i < 20; i++)
        {
            await dynamo.PutItemAsync(name, new() { ["pk"] = new($"p{i}") });
        }

        var all = new List<string>();
        for (var segment = 0; segment < 3; segment++)
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = name, Segment = segment, TotalSegments = 3 });
            all.AddRange(page.Items.Select(i => i["pk"].S));
        }

        Assert.Equal(20, all.Distinct().Count());
        Assert.Equal(20, all.Count);
    }

    [Fact]
    public async Task Batches_write_and_read_across_tables()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo, sortKey: false);

        await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new()
            {
                [name] = [.. Enumerable.Range(0, 25).Select(i => new WriteRequest(new PutRequest(new() { ["pk"] = new($"k{i}") })))],
            },
        });
        var read = await dynamo.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new() { [name] = new KeysAndAttributes { Keys = [new() { ["pk"] = new("k1") }, new() { ["pk"] = new("k24") }, new() { ["pk"] = new("none") }] } },
        });

        Assert.Equal(["k1", "k24"], read.Responses[name].Select(i => i["pk"].S).Order());
    }

    [Fact]
    public async Task An_item_over_400_KB_is_refused()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo, sortKey: false);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(name, new() { ["pk"] = new("p"), ["big"] = new(new string('x', 400 * 1024)) }));

        Assert.Equal("Item size has exceeded the maximum allowed size", error.Message);
    }

    [Fact]
    public async Task A_table_is_tagged_listed_and_untagged_by_its_ARN()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo);
        var arn = (await dynamo.DescribeTableAsync(name)).Table.TableArn;

        await dynamo.TagResourceAsync(new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "team", Value = "ir" }, new Tag { Key = "env", Value = "dev" }] });
        await dynamo.UntagResourceAsync(new UntagResourceRequest { ResourceArn = arn, TagKeys = ["env"] });
        var tags = (await dynamo.ListTagsOfResourceAsync(new ListTagsOfResourceRequest { ResourceArn = arn })).Tags;

        Assert.Equal(["team=ir"], tags.Select(t => $"{t.Key}={t.Value}"));
    }

    [Fact]
    public async Task A_failed_condition_can_return_the_item_as_it_is()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo, sortKey: false);
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("p"), ["owner"] = new("attacker") });

        var error = await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = name,
            Key = new() { ["pk"] = new("p") },
            UpdateExpression = "SET #o = :me",
            ConditionExpression = "#o = :me",
            ExpressionAttributeNames = new() { ["#o"] = "owner" },
            ExpressionAttributeValues = new() { [":me"] = new("responder") },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        }));

        Assert.Equal("attacker", error.Item["owner"].S);
    }

    [Fact]
    public async Task PutItem_refuses_return_values_other_than_ALL_OLD_or_NONE()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo, sortKey: false);

        var error = await Assert.ThrowsAsync<AmazonDynamoDBException>(() => dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = name,
            Item = new() { ["pk"] = new("p") },
            ReturnValues = ReturnValue.ALL_NEW,
        }));

        Assert.Equal("ReturnValues can only be ALL_OLD or NONE", error.Message);
    }

    [Fact]
    public async Task A_local_secondary_index_orders_a_partition_by_its_own_sort_key()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = AwsCli.Unique("lsi");
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S), new("at", ScalarAttributeType.N)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
            LocalSecondaryIndexes = [new LocalSecondaryIndex { IndexName = "by-time", KeySchema = [new("pk", KeyType.HASH), new("at", KeyType.RANGE)], Projection = new Projection { ProjectionType = ProjectionType.ALL } }],
        });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("p"), ["sk"] = new("a"), ["at"] = new() { N = "30" } });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("p"), ["sk"] = new("b"), ["at"] = new() { N = "10" } });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("p"), ["sk"] = new("c"), ["at"] = new() { N = "20" } });

        var found = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = name,
            IndexName = "by-time",
            KeyConditionExpression = "pk = :p AND #at >= :t",
            ExpressionAttributeNames = new() { ["#at"] = "at" },
            ExpressionAttributeValues = new() { [":p"] = new("p"), [":t"] = new() { N = "15" } },
        });

        Assert.Equal(["c", "a"], found.Items.Select(i => i["sk"].S));
    }
}
