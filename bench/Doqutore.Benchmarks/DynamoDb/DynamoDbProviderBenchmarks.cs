using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Benchmarks.Codecs;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.Benchmarks.DynamoDb;

/// <summary>
/// The DynamoDB provider's share of a call, without the gateway: PutItem, GetItem and a 10-item Query on a real
/// emulator's provider, in memory and with a data directory (SQLite, group commit). Items are shaped as
/// <c>bench/compare.sh</c>'s (pk, sk, a 200-character string, a number). Puts cycle through 4,096 keys, so after
/// the first round they replace items, as the steady state of a long run does. <c>PutItemEightWriters</c> runs 8
/// threads of puts at once, where concurrent writers share commits.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CodecBenchmarkConfig))]
public class DynamoDbProviderBenchmarks
{
    private const string Table = "bench";
    private const int Keys = 4096;

    private WebApplication _app = null!;
    private string? _data;
    private Func<RequestContext, OperationData, ValueTask<OperationData>> _put = null!;
    private Func<RequestContext, OperationData, ValueTask<OperationData>> _get = null!;
    private Func<RequestContext, OperationData, ValueTask<OperationData>> _query = null!;
    private JsonObject[] _puts = null!;
    private JsonObject _getInput = null!;
    private JsonObject _queryInput = null!;
    private int _next;

    [Params(false, true)]
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = Durable ? Directory.CreateTempSubdirectory("doqutore-ddb-bench-").FullName : null;
        _app = EmulatorHost.Create(["--Logging:LogLevel:Default=Warning"], o =>
        {
            o.Port = 0;
            o.DataDirectory = _data;
        });
        var dynamo = OperationTable.For(_app.Services.GetServices<AwsServiceProvider>().Single(p => p.ServiceId == "dynamodb"));
        _put = Handler(dynamo, "PutItem");
        _get = Handler(dynamo, "GetItem");
        _query = Handler(dynamo, "Query");
        Handler(dynamo, "CreateTable")(Context(), new OperationData(JsonNode.Parse("""
            {"TableName": "bench", "BillingMode": "PAY_PER_REQUEST",
             "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
             "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]}
            """)!.AsObject())).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < 10; i++)
        {
            Call(_put, PutInput("fixed", $"item-{i:D2}"));
        }

        _puts = [.. Enumerable.Range(0, Keys).Select(i => PutInput("load", "item-" + i.ToString(CultureInfo.InvariantCulture)))];
        _getInput = new JsonObject { ["TableName"] = Table, ["Key"] = new JsonObject { ["pk"] = new JsonObject { ["S"] = "fixed" }, ["sk"] = new JsonObject { ["S"] = "item-05" } } };
        _queryInput = new JsonObject
        {
            ["TableName"] = Table,
            ["KeyConditionExpression"] = "pk = :pk",
            ["ExpressionAttributeValues"] = new JsonObject { [":pk"] = new JsonObject { ["S"] = "fixed" } },
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_data is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_data, recursive: true);
        }
    }

    [Benchmark]
    public OperationData PutItem() => Call(_put, _puts[_next++ % Keys]);

    [Benchmark(OperationsPerInvoke = 8 * 64)]
    public void PutItemEightWriters() => Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, w =>
    {
        for (var i = 0; i < 64; i++)
        {
            Call(_put, _puts[((w * 64) + i + _next) % Keys]);
        }
    });

    [Benchmark]
    public OperationData GetItem() => Call(_get, _getInput);

    [Benchmark]
    public OperationData Query() => Call(_query, _queryInput);

    private static OperationData Call(Func<RequestContext, OperationData, ValueTask<OperationData>> handler, JsonObject input) =>
        handler(Context(), new OperationData(input)).AsTask().GetAwaiter().GetResult();

    private static RequestContext Context() => new(new WireRequest(), "bench", DateTimeOffset.UtcNow) { Principal = Principal.Root("000000000000", "test") };

    private static JsonObject PutInput(string pk, string sk) => new()
    {
        ["TableName"] = Table,
        ["Item"] = new JsonObject
        {
            ["pk"] = new JsonObject { ["S"] = pk },
            ["sk"] = new JsonObject { ["S"] = sk },
            ["payload"] = new JsonObject { ["S"] = new string('x', 200) },
            ["count"] = new JsonObject { ["N"] = "42" },
        },
    };

    private static Func<RequestContext, OperationData, ValueTask<OperationData>> Handler(OperationTable table, string operation) =>
        table.TryGet(operation, out var handler) ? handler : throw new InvalidOperationException($"DynamoDB has no {operation}.");
}
