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

        streamed = client.create_table(TableName=f"boto-s-{run}", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        client.put_item(TableName=f"boto-s-{run}", Item={"pk": {"S": "x"}, "n": {"N": "1"}})
        client.update_item(TableName=f"boto-s-{run}", Key={"pk": {"S": "x"}}, UpdateExpression="ADD n :one", ExpressionAttributeValues={":one": {"N": "1"}})
        ds = boto3.client("dynamodbstreams", endpoint_url=url, config=cfg, region_name="us-east-1")
        arn = streamed["TableDescription"]["LatestStreamArn"]
        shard = ds.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        it = ds.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        recs = ds.get_records(ShardIterator=it)["Records"]
        out["stream"] = [[r["eventName"], r["dynamodb"].get("OldImage", {}).get("n", {}).get("N"), r["dynamodb"]["NewImage"]["n"]["N"]] for r in recs]
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

    [SkippableFact]
    public void Boto3_reads_a_table_stream_with_old_and_new_images()
    {
        var output = Output();

        Assert.Equal("[[\"INSERT\",null,\"1\"],[\"MODIFY\",\"1\",\"2\"]]", output["stream"]!.ToJsonString());
    }

    private JsonObject Output() => Scenario.Outcome(emulator);
}
