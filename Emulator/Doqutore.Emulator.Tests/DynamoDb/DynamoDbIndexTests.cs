using System.Globalization;
using System.Text.Json.Nodes;
using static Doqutore.Emulator.Tests.DynamoDb.DynamoDbHarness;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>
/// Queries on the table and its secondary indexes read only their partition, in key order, and page by
/// ExclusiveStartKey without skipping or repeating an item, ties on an index key included.
/// </summary>
public sealed class DynamoDbIndexTests : IDisposable
{
    private const string Table = "people";
    private readonly DynamoDbHarness ddb = new();

    public DynamoDbIndexTests()
    {
        ddb.DynamoDb.CreateTable(ddb.Context, JsonNode.Parse("""
            {
              "TableName": "people", "BillingMode": "PAY_PER_REQUEST",
              "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
                {"AttributeName": "group", "AttributeType": "S"}, {"AttributeName": "rank", "AttributeType": "N"},
                {"AttributeName": "score", "AttributeType": "N"}],
              "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
              "GlobalSecondaryIndexes": [{"IndexName": "byGroup",
                "KeySchema": [{"AttributeName": "group", "KeyType": "HASH"}, {"AttributeName": "rank", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}],
              "LocalSecondaryIndexes": [{"IndexName": "byScore",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}]
            }
            """)!.AsObject());
    }

    public void Dispose() => ddb.Dispose();

    private static JsonObject Person(string pk, string sk, string? group = null, string? rank = null, string? score = null)
    {
        var item = new JsonObject { ["pk"] = S(pk), ["sk"] = S(sk) };
        if (group is not null)
        {
            item["group"] = S(group);
        }

        if (rank is not null)
        {
            item["rank"] = N(rank);
        }

        if (score is not null)
        {
            item["score"] = N(score);
        }

        return item;
    }

    private JsonObject QueryGroup(string group, string? extraCondition = null, JsonObject? values = null)
    {
        var attributeValues = values ?? [];
        attributeValues[":g"] = S(group);
        return new JsonObject
        {
            ["TableName"] = Table,
            ["IndexName"] = "byGroup",
            ["KeyConditionExpression"] = "#g = :g" + (extraCondition is null ? string.Empty : " AND " + extraCondition),
            ["ExpressionAttributeNames"] = new JsonObject { ["#g"] = "group" },
            ["ExpressionAttributeValues"] = attributeValues,
        };
    }

    private static List<string> Ids(IEnumerable<JsonObject> items) => [.. items.Select(i => $"{(string?)i["pk"]!["S"]}/{(string?)i["sk"]!["S"]}")];

    [Fact]
    public void An_index_query_on_ten_thousand_items_returns_the_three_in_its_partition_in_rank_order()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var group = i is 17 or 4242 or 9999 ? "needle" : "hay-" + (i % 50).ToString(CultureInfo.InvariantCulture);
            ddb.Put(Table, Person("p" + i.ToString(CultureInfo.InvariantCulture), "s", group, (10_000 - i).ToString(CultureInfo.InvariantCulture)));
        }

        var output = ddb.DynamoDb.Query(ddb.Context, QueryGroup("needle"));

        Assert.Equal(["p9999/s", "p4242/s", "p17/s"], Ids(output["Items"]!.AsArray().Select(i => (JsonObject)i!)));
        Assert.Equal(3L, (long)output["ScannedCount"]!);
    }

    [Fact]
    public void Paging_an_index_by_one_visits_each_item_exactly_once_even_when_items_share_the_index_key()
    {
        // Four items share rank 5: only the table key tells them apart, so a resume by index key alone would skip or repeat.
        var expected = new List<string>();
        foreach (var (pk, rank) in new[] { ("d", "5"), ("a", "5"), ("x", "1"), ("c", "5"), ("b", "5"), ("y", "10"), ("z", "-2.5") })
        {
            ddb.Put(Table, Person(pk, "s", "g", rank));
        }

        ddb.Put(Table, Person("other", "s", "h", "5"));

        var forward = Ids(ddb.Pages(ddb.DynamoDb.Query, QueryGroup("g"), 1));
        var backward = QueryGroup("g");
        backward["ScanIndexForward"] = false;
        var reverse = Ids(ddb.Pages(ddb.DynamoDb.Query, backward, 1));

        Assert.Equal(["z/s", "x/s", "a/s", "b/s", "c/s", "d/s", "y/s"], forward);
        Assert.Equal(Enumerable.Reverse(forward), reverse);
    }

    [Fact]
    public void Paging_an_index_range_by_two_returns_only_the_range()
    {
        for (var rank = 1; rank <= 20; rank++)
        {
            ddb.Put(Table, Person("p" + rank.ToString(CultureInfo.InvariantCulture), "s", "g", rank.ToString(CultureInfo.InvariantCulture)));
        }

        var request = QueryGroup("g", "#r BETWEEN :lo AND :hi", new JsonObject { [":lo"] = N("4"), [":hi"] = N("9") });
        request["ExpressionAttributeNames"]!["#r"] = "rank";

        Assert.Equal(["p4/s", "p5/s", "p6/s", "p7/s", "p8/s", "p9/s"], Ids(ddb.Pages(ddb.DynamoDb.Query, request, 2)));
    }

    [Fact]
    public void A_local_index_orders_its_partition_by_number_and_projects_only_keys()
    {
        foreach (var (sk, score) in new[] { ("a", "10"), ("b", "2"), ("c", "1.5"), ("d", "100") })
        {
            var item = Person("same", sk, score: score);
            item["secret"] = S("not projected");
            ddb.Put(Table, item);
        }

        var output = ddb.DynamoDb.Query(ddb.Context, new JsonObject
        {
            ["TableName"] = Table,
            ["IndexName"] = "byScore",
            ["KeyConditionExpression"] = "pk = :p AND score > :min",
            ["ExpressionAttributeValues"] = new JsonObject { [":p"] = S("same"), [":min"] = N("1.5") },
        });
        var items = output["Items"]!.AsArray().Select(i => (JsonObject)i!).ToList();

        Assert.Equal(["same/b", "same/a", "same/d"], Ids(items));
        Assert.All(items, i => Assert.Null(i["secret"]));
    }

    [Fact]
    public void Changing_or_removing_an_items_index_key_moves_it_in_the_index()
    {
        ddb.Put(Table, Person("p", "s", "old", "1"));
        ddb.Put(Table, Person("q", "s", "old", "2"));

        ddb.Put(Table, Person("p", "s", "new", "1"));
        ddb.Put(Table, Person("q", "s"));

        Assert.Empty(ddb.DynamoDb.Query(ddb.Context, QueryGroup("old"))["Items"]!.AsArray());
        Assert.Equal(["p/s"], Ids(ddb.DynamoDb.Query(ddb.Context, QueryGroup("new"))["Items"]!.AsArray().Select(i => (JsonObject)i!)));
    }

    [Fact]
    public void A_deleted_item_leaves_the_index()
    {
        ddb.Put(Table, Person("p", "s", "g", "1"));

        ddb.DynamoDb.DeleteItem(ddb.Context, new JsonObject { ["TableName"] = Table, ["Key"] = new JsonObject { ["pk"] = S("p"), ["sk"] = S("s") } });

        Assert.Empty(ddb.DynamoDb.Query(ddb.Context, QueryGroup("g"))["Items"]!.AsArray());
    }

    [Fact]
    public void A_global_index_created_later_holds_the_items_already_there()
    {
        ddb.Put(Table, Person("p", "s", score: "7"));
        ddb.Put(Table, Person("q", "s"));

        ddb.DynamoDb.UpdateTable(ddb.Context, JsonNode.Parse("""
            {"TableName": "people", "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byScoreGlobal",
              "KeySchema": [{"AttributeName": "score", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}]}
            """)!.AsObject());
        var output = ddb.DynamoDb.Query(ddb.Context, new JsonObject
        {
            ["TableName"] = Table,
            ["IndexName"] = "byScoreGlobal",
            ["KeyConditionExpression"] = "score = :s",
            ["ExpressionAttributeValues"] = new JsonObject { [":s"] = N("7.0") },
        });

        Assert.Equal(["p/s"], Ids(output["Items"]!.AsArray().Select(i => (JsonObject)i!)));
    }

    [Fact]
    public void Paging_a_table_partition_backwards_with_begins_with_visits_each_match_once()
    {
        foreach (var sk in new[] { "a#1", "b#1", "b#2", "b#3", "b", "ba", "c#1" })
        {
            ddb.Put(Table, Person("p", sk));
        }

        var request = new JsonObject
        {
            ["TableName"] = Table,
            ["KeyConditionExpression"] = "pk = :p AND begins_with(sk, :b)",
            ["ExpressionAttributeValues"] = new JsonObject { [":p"] = S("p"), [":b"] = S("b#") },
            ["ScanIndexForward"] = false,
        };

        Assert.Equal(["p/b#3", "p/b#2", "p/b#1"], Ids(ddb.Pages(ddb.DynamoDb.Query, request, 1)));
    }

    [Fact]
    public void Paging_a_scan_of_the_table_and_of_an_index_visits_each_item_once()
    {
        for (var i = 0; i < 30; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            ddb.Put(Table, Person("p" + (i % 7).ToString(CultureInfo.InvariantCulture), "s" + n, i % 3 == 0 ? "g" + (i % 2).ToString(CultureInfo.InvariantCulture) : null, i % 3 == 0 ? "1" : null));
        }

        var table = Ids(ddb.Pages(ddb.DynamoDb.Scan, new JsonObject { ["TableName"] = Table }, 4));
        var index = Ids(ddb.Pages(ddb.DynamoDb.Scan, new JsonObject { ["TableName"] = Table, ["IndexName"] = "byGroup" }, 3));

        Assert.Equal(30, table.Distinct().Count());
        Assert.Equal(30, table.Count);
        Assert.Equal(10, index.Distinct().Count());
        Assert.Equal(10, index.Count);
    }

    [Fact]
    public void An_index_start_key_without_the_index_keys_is_refused()
    {
        var request = QueryGroup("g");
        request["ExclusiveStartKey"] = new JsonObject { ["pk"] = S("p"), ["sk"] = S("s") };

        var error = Refused(() => ddb.DynamoDb.Query(ddb.Context, request));

        Assert.Equal("ValidationException", error.Code);
        Assert.Equal("The provided starting key is invalid: The provided key element does not match the schema", error.Message);
    }

    [Fact]
    public void Describe_table_counts_the_items_each_index_holds()
    {
        ddb.Put(Table, Person("p", "s", "g", "1", "3"));
        ddb.Put(Table, Person("q", "s", "g", "2"));
        ddb.Put(Table, Person("r", "s"));

        var table = ddb.DynamoDb.DescribeTable(ddb.Context, new JsonObject { ["TableName"] = Table })["Table"]!;

        Assert.Equal(2, (long)table["GlobalSecondaryIndexes"]![0]!["ItemCount"]!);
        Assert.Equal(1, (long)table["LocalSecondaryIndexes"]![0]!["ItemCount"]!);
    }
}
