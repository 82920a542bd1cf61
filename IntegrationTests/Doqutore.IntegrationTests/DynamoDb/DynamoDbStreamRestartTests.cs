using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Durability;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>
/// An emulator process with a data directory is killed (SIGKILL) after writes to a table with a stream; the
/// restarted process serves the same stream records, and an iterator taken before the kill reads on.
/// </summary>
public sealed class DynamoDbStreamRestartTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("doqutore-streams-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static AmazonDynamoDBClient Dynamo(Uri endpoint) => new(
        new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = EmulatorFixture.Region, MaxErrorRetry = 0 });

    private static AwsClient Streams(Uri endpoint) => new(ServiceModels.Get("streams.dynamodb"), new AwsClientOptions
    {
        ServiceUrl = endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    private static async Task<(List<JsonObject> Records, string? Next)> Read(AwsClient streams, string arn, string? iterator = null)
    {
        if (iterator is null)
        {
            var shard = (string)(await streams.InvokeAsync("DescribeStream", new JsonObject { ["StreamArn"] = arn }))["StreamDescription"]!["Shards"]![0]!["ShardId"]!;
            iterator = (string)(await streams.InvokeAsync("GetShardIterator", new JsonObject { ["StreamArn"] = arn, ["ShardId"] = shard, ["ShardIteratorType"] = "TRIM_HORIZON" }))["ShardIterator"]!;
        }

        var read = await streams.InvokeAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });
        return ([.. read["Records"]!.AsArray().Select(r => r!.AsObject())], (string?)read["NextShardIterator"]);
    }

    private static List<string> Sequences(List<JsonObject> records) => [.. records.Select(r => (string)r["dynamodb"]!["SequenceNumber"]!)];

    [Fact]
    public async Task Stream_records_survive_SIGKILL_and_an_iterator_reads_on_after_the_restart()
    {
        const string Table = "patients";
        string arn;
        List<string> before;
        string next;
        using (var first = await EmulatorProcess.StartAsync(_data))
        {
            using var dynamo = Dynamo(first.Endpoint);
            using var streams = Streams(first.Endpoint);
            var created = await dynamo.CreateTableAsync(new CreateTableRequest
            {
                TableName = Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("id", ScalarAttributeType.S)],
                KeySchema = [new("id", KeyType.HASH)],
                StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES },
            });
            arn = created.TableDescription.LatestStreamArn;
            await dynamo.PutItemAsync(Table, new() { ["id"] = new("1"), ["insurance_id"] = new("A-1") });
            await dynamo.PutItemAsync(Table, new() { ["id"] = new("1"), ["insurance_id"] = new("B-2") });
            var (records, iterator) = await Read(streams, arn);
            before = Sequences(records);
            next = iterator!;
            first.Kill();
        }

        using var second = await EmulatorProcess.StartAsync(_data);
        using var dynamoAfter = Dynamo(second.Endpoint);
        using var streamsAfter = Streams(second.Endpoint);
        var (again, _) = await Read(streamsAfter, arn);
        await dynamoAfter.DeleteItemAsync(Table, new() { ["id"] = new("1") });
        var (later, _) = await Read(streamsAfter, arn, next);

        Assert.Equal(2, before.Count);
        Assert.Equal(before, Sequences(again));
        Assert.Equal("B-2", (string?)again[1]["dynamodb"]!["NewImage"]!["insurance_id"]!["S"]);
        Assert.Equal("A-1", (string?)again[1]["dynamodb"]!["OldImage"]!["insurance_id"]!["S"]);
        Assert.Equal(["REMOVE"], later.Select(r => (string?)r["eventName"]));
        Assert.True(string.CompareOrdinal(Sequences(later)[0], before[^1]) > 0);
    }
}
