using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Doqutore.Emulator.Tests.DynamoDb.DynamoDbHarness;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>
/// DynamoDB Streams with a data directory: records, sequence numbers and iterators survive a restart; records
/// older than 24 hours are trimmed (and stay trimmed); a disabled stream stays readable for 24 hours.
/// </summary>
public sealed class DynamoDbStreamPersistenceTests : IDisposable
{
    private const string Table = "patients";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "doqutore-ddb-streams-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private DynamoDbHarness Start() => new(directory, clock);

    private static string CreateStreamTable(DynamoDbHarness ddb)
    {
        var output = ddb.DynamoDb.CreateTable(ddb.Context, JsonNode.Parse("""
            {"TableName": "patients", "BillingMode": "PAY_PER_REQUEST",
             "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
             "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
             "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"}}
            """)!.AsObject());
        return (string)output["TableDescription"]!["LatestStreamArn"]!;
    }

    private static JsonObject Patient(string id, string name) => new() { ["id"] = S(id), ["name"] = S(name) };

    private static string Iterator(DynamoDbHarness ddb, string arn, string type, string? sequence = null)
    {
        var shard = (string)ddb.Streams.DescribeStream(ddb.Context, new JsonObject { ["StreamArn"] = arn })["StreamDescription"]!["Shards"]![0]!["ShardId"]!;
        var input = new JsonObject { ["StreamArn"] = arn, ["ShardId"] = shard, ["ShardIteratorType"] = type };
        if (sequence is not null)
        {
            input["SequenceNumber"] = sequence;
        }

        return (string)ddb.Streams.GetShardIterator(ddb.Context, input)["ShardIterator"]!;
    }

    private static JsonObject Records(DynamoDbHarness ddb, string iterator) =>
        ddb.Streams.GetRecords(ddb.Context, new JsonObject { ["ShardIterator"] = iterator });

    private static List<(string Event, string Sequence, string? Name)> Summary(JsonObject output) =>
        [.. output["Records"]!.AsArray().Select(r => ((string)r!["eventName"]!, (string)r["dynamodb"]!["SequenceNumber"]!, (string?)r["dynamodb"]!["NewImage"]?["name"]?["S"]))];

    [Fact]
    public void Stream_records_and_their_sequence_numbers_survive_a_restart()
    {
        string arn;
        List<(string Event, string Sequence, string? Name)> before;
        using (var ddb = Start())
        {
            arn = CreateStreamTable(ddb);
            ddb.Put(Table, Patient("1", "Ada"));
            ddb.Put(Table, Patient("1", "Ada Lovelace"));
            ddb.DynamoDb.DeleteItem(ddb.Context, new JsonObject { ["TableName"] = Table, ["Key"] = new JsonObject { ["id"] = S("1") } });
            before = Summary(Records(ddb, Iterator(ddb, arn, "TRIM_HORIZON")));
        }

        using var restarted = Start();
        var after = Summary(Records(restarted, Iterator(restarted, arn, "TRIM_HORIZON")));
        restarted.Put(Table, Patient("2", "Grace"));
        var next = Summary(Records(restarted, Iterator(restarted, arn, "AFTER_SEQUENCE_NUMBER", after[^1].Sequence)));

        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], before.Select(r => r.Event));
        Assert.Equal(before, after);
        Assert.Equal(("INSERT", "Grace"), (next.Single().Event, next.Single().Name));
        Assert.True(string.CompareOrdinal(next.Single().Sequence, after[^1].Sequence) > 0);
    }

    [Fact]
    public void An_iterator_taken_before_a_restart_reads_on_after_it()
    {
        string iterator;
        using (var ddb = Start())
        {
            var arn = CreateStreamTable(ddb);
            ddb.Put(Table, Patient("1", "Ada"));
            iterator = (string)Records(ddb, Iterator(ddb, arn, "TRIM_HORIZON"))["NextShardIterator"]!;
        }

        using var restarted = Start();
        restarted.Put(Table, Patient("2", "Grace"));

        Assert.Equal(["Grace"], Summary(Records(restarted, iterator)).Select(r => r.Name));
    }

    [Fact]
    public void Records_older_than_24_hours_are_trimmed_and_stay_trimmed_after_a_restart()
    {
        string arn;
        string oldIterator;
        using (var ddb = Start())
        {
            arn = CreateStreamTable(ddb);
            oldIterator = Iterator(ddb, arn, "TRIM_HORIZON");
            ddb.Put(Table, Patient("1", "Ada"));
            clock.Advance(TimeSpan.FromHours(23));
            ddb.Put(Table, Patient("2", "Grace"));
            clock.Advance(TimeSpan.FromHours(2));

            Assert.Equal(["Grace"], Summary(Records(ddb, Iterator(ddb, arn, "TRIM_HORIZON"))).Select(r => r.Name));
            var error = Refused(() => Records(ddb, oldIterator));
            Assert.Equal("TrimmedDataAccessException", error.Code);
        }

        using var restarted = Start();

        Assert.Equal(["Grace"], Summary(Records(restarted, Iterator(restarted, arn, "TRIM_HORIZON"))).Select(r => r.Name));
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Empty(Summary(Records(restarted, Iterator(restarted, arn, "TRIM_HORIZON"))));
    }

    [Fact]
    public void Sequence_numbers_keep_rising_after_a_restart_that_trimmed_every_record()
    {
        string arn;
        string first;
        using (var ddb = Start())
        {
            arn = CreateStreamTable(ddb);
            ddb.Put(Table, Patient("1", "Ada"));
            first = Summary(Records(ddb, Iterator(ddb, arn, "TRIM_HORIZON"))).Single().Sequence;
        }

        clock.Advance(TimeSpan.FromHours(25));
        using var restarted = Start();
        restarted.Put(Table, Patient("2", "Grace"));
        var after = Summary(Records(restarted, Iterator(restarted, arn, "TRIM_HORIZON")));

        Assert.Equal(["Grace"], after.Select(r => r.Name));
        Assert.True(string.CompareOrdinal(after.Single().Sequence, first) > 0);
    }

    [Fact]
    public void A_disabled_stream_stays_readable_after_a_restart_and_is_gone_a_day_later()
    {
        string arn;
        using (var ddb = Start())
        {
            arn = CreateStreamTable(ddb);
            ddb.Put(Table, Patient("1", "Ada"));
            ddb.DynamoDb.UpdateTable(ddb.Context, new JsonObject { ["TableName"] = Table, ["StreamSpecification"] = new JsonObject { ["StreamEnabled"] = false } });
        }

        using (var restarted = Start())
        {
            var description = restarted.Streams.DescribeStream(restarted.Context, new JsonObject { ["StreamArn"] = arn })["StreamDescription"]!;
            var records = Records(restarted, Iterator(restarted, arn, "TRIM_HORIZON"));

            Assert.Equal("DISABLED", (string?)description["StreamStatus"]);
            Assert.Equal(["Ada"], Summary(records).Select(r => r.Name));
            Assert.Null(records["NextShardIterator"]);
        }

        clock.Advance(TimeSpan.FromHours(25));
        using var dayLater = Start();

        Assert.Empty(dayLater.Streams.ListStreams(dayLater.Context, new JsonObject())["Streams"]!.AsArray());
    }

    [Fact]
    public void Deleting_the_table_disables_its_stream()
    {
        using var ddb = Start();
        var arn = CreateStreamTable(ddb);
        ddb.Put(Table, Patient("1", "Ada"));

        ddb.DynamoDb.DeleteTable(ddb.Context, new JsonObject { ["TableName"] = Table });
        var description = ddb.Streams.DescribeStream(ddb.Context, new JsonObject { ["StreamArn"] = arn })["StreamDescription"]!;

        Assert.Equal("DISABLED", (string?)description["StreamStatus"]);
        Assert.Equal(["Ada"], Summary(Records(ddb, Iterator(ddb, arn, "TRIM_HORIZON"))).Select(r => r.Name));
    }
}
