using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>
/// Tables written with AWSSDK.DynamoDBv2, their streams read with the spec-driven client (AWSSDK 4 ships no
/// DynamoDB Streams client in the packages served here).
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class DynamoDbStreamsSdkTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsClient streams = new(ServiceModels.Get("streams.dynamodb"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    [Theory]
    [InlineData("NEW_AND_OLD_IMAGES", true, true)]
    [InlineData("NEW_IMAGE", true, false)]
    [InlineData("OLD_IMAGE", false, true)]
    [InlineData("KEYS_ONLY", false, false)]
    public async Task Every_change_is_read_back_with_the_images_of_its_view_type(string viewType, bool newImages, bool oldImages)
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = AwsCli.Unique("str");
        var created = await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH)],
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = viewType },
        });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("a"), ["v"] = new("1") });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("a"), ["v"] = new("1") });
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("a"), ["v"] = new("2") });
        await dynamo.DeleteItemAsync(name, new() { ["pk"] = new("a") });

        var arn = created.TableDescription.LatestStreamArn;
        var listed = await streams.InvokeAsync("ListStreams", new JsonObject { ["TableName"] = name });
        var description = (await streams.InvokeAsync("DescribeStream", new JsonObject { ["StreamArn"] = arn }))["StreamDescription"]!;
        var records = await ReadAll(arn, (string)description["Shards"]![0]!["ShardId"]!, "TRIM_HORIZON");

        Assert.Equal([arn], listed["Streams"]!.AsArray().Select(s => (string?)s!["StreamArn"]));
        Assert.Equal("ENABLED", (string?)description["StreamStatus"]);
        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], records.Select(r => (string?)r["eventName"]));
        Assert.All(records, r => Assert.Equal("a", (string?)r["dynamodb"]!["Keys"]!["pk"]!["S"]));
        Assert.All(records, r => Assert.Equal("aws:dynamodb", (string?)r["eventSource"]));
        Assert.Equal(newImages, records[1]["dynamodb"]!["NewImage"] is not null);
        Assert.Equal(oldImages, records[1]["dynamodb"]!["OldImage"] is not null);
        Assert.Equal(viewType, (string?)records[0]["dynamodb"]!["StreamViewType"]);
        Assert.True(string.CompareOrdinal((string?)records[0]["dynamodb"]!["SequenceNumber"], (string?)records[1]["dynamodb"]!["SequenceNumber"]) < 0);
    }

    [Fact]
    public async Task A_LATEST_iterator_sees_only_later_changes()
    {
        using var dynamo = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(dynamo, sortKey: false);
        await dynamo.PutItemAsync(name, new() { ["pk"] = new("before") });
        var updated = await dynamo.UpdateTableAsync(new UpdateTableRequest
        {
            TableName = name,
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.KEYS_ONLY },
        });
        var arn = updated.TableDescription.LatestStreamArn;
        var shard = (string)(await streams.InvokeAsync("DescribeStream", new JsonObject { ["StreamArn"] = arn }))["StreamDescription"]!["Shards"]![0]!["ShardId"]!;
        var iterator = (string)(await streams.InvokeAsync("GetShardIterator", new JsonObject { ["StreamArn"] = arn, ["ShardId"] = shard, ["ShardIteratorType"] = "LATEST" }))["ShardIterator"]!;

        await dynamo.PutItemAsync(name, new() { ["pk"] = new("after") });
        var read = await streams.InvokeAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });

        Assert.Equal(["after"], read["Records"]!.AsArray().Select(r => (string?)r!["dynamodb"]!["Keys"]!["pk"]!["S"]));
        Assert.NotNull(read["NextShardIterator"]);
    }

    public void Dispose() => streams.Dispose();

    private async Task<List<JsonObject>> ReadAll(string arn, string shard, string type)
    {
        var iterator = (string)(await streams.InvokeAsync("GetShardIterator", new JsonObject { ["StreamArn"] = arn, ["ShardId"] = shard, ["ShardIteratorType"] = type }))["ShardIterator"]!;
        var read = await streams.InvokeAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });
        return [.. read["Records"]!.AsArray().Select(r => r!.AsObject())];
    }
}
