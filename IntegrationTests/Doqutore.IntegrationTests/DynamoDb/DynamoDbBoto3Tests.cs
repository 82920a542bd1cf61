using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>boto3's client and resource APIs for DynamoDB against the emulator (one Python run; each test asserts one outcome).</summary>
[Collection(EmulatorCollection.Name)]
public class DynamoDbBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        from boto3.dynamodb.conditions import Key, Attr
        ddb = boto3.resource("dynamodb", endpoint_url=url, config=cfg, region_name="us-east-1")
        client = boto3.client("dynamodb", endpoint_url=url, config=cfg, region_name="us-east-1")
        table = ddb.create_table(TableName=f"boto-{run}", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
        table.wait_until_exists()
        with table.batch_writer() as batch:
            for i in range(30):
                batch.put_item(Item={"pk": "p", "sk": i, "even": i % 2 == 0, "doc": {"tags": ["a", "b"], "n": i}})
        got = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").between(5, 9), FilterExpression=Attr("even").eq(True))
        out["query"] = [int(i["sk"]) for i in got["Items"]]
        out["nested"] = table.get_item(Key={"pk": "p", "sk": 3}, ProjectionExpression="doc.tags[1]")["Item"]
        table.update_item(Key={"pk": "p", "sk": 3}, UpdateExpression="SET doc.n = doc.n + :d", ExpressionAttributeValues={":d": 10})
        out["updated"] = int(table.get_item(Key={"pk": "p", "sk": 3})["Item"]["doc"]["n"])
        out["scan_count"] = table.scan(Select="COUNT")["Count"]
        out["bad_key"] = err(client.get_item, TableName=f"boto-{run}", Key={"pk": {"S": "p"}})
        out["unused"] = err(client.get_item, TableName=f"boto-{run}", Key={"pk": {"S": "p"}, "sk": {"N": "1"}},
            ProjectionExpression="pk", ExpressionAttributeNames={"#x": "x"})
        out["missing_table"] = err(client.describe_table, TableName="no-such-table")
        """);

    [SkippableFact]
    public void Boto3_batch_writes_and_queries_with_conditions()
    {
        var output = Output();

        Assert.Equal([6, 8], output["query"]!.AsArray().Select(i => (int)i!));
        Assert.Equal(30, (int)output["scan_count"]!);
    }

    [SkippableFact]
    public void Boto3_projects_and_updates_nested_paths()
    {
        var output = Output();

        Assert.Equal("{\"doc\":{\"tags\":[\"b\"]}}", output["nested"]!.ToJsonString());
        Assert.Equal(13, (int)output["updated"]!);
    }

    [SkippableFact]
    public void Boto3_sees_AWS_error_codes_and_messages()
    {
        var output = Output();

        Assert.Equal("The provided key element does not match the schema", (string?)output["bad_key"]!["message"]);
        Assert.Equal("Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}", (string?)output["unused"]!["message"]);
        Assert.Equal("ResourceNotFoundException", (string?)output["missing_table"]!["code"]);
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
