using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.DynamoDb;
using Doqutore.Emulator.Providers.DynamoDb.Streams;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>
/// DynamoDB and DynamoDB Streams providers over one store, in memory or on a data directory, on a clock the test
/// moves. Disposing it disposes the store (as a stopping emulator does), so a second harness on the same
/// directory is a restart.
/// </summary>
internal sealed class DynamoDbHarness : IDisposable
{
    private readonly DynamoDbStore store;

    public DynamoDbHarness(string? dataDirectory = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        store = new DynamoDbStore(Options.Create(new EmulatorOptions { DataDirectory = dataDirectory }), Clock);
        DynamoDb = new DynamoDbProvider(store, Clock);
        Streams = new DynamoDbStreamsProvider(store, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public DynamoDbProvider DynamoDb { get; }

    public DynamoDbStreamsProvider Streams { get; }

    public RequestContext Context => new(new WireRequest(), "req", Clock.GetUtcNow()) { Principal = Principal.Root("123456789012", "AKIAEXAMPLE") };

    public static JsonObject S(string value) => new() { ["S"] = value };

    public static JsonObject N(string value) => new() { ["N"] = value };

    public void Put(string table, JsonObject item) => DynamoDb.PutItem(Context, new JsonObject { ["TableName"] = table, ["Item"] = item });

    /// <summary>Runs a Query or Scan page by page (Limit per page) and returns every item seen, in order.</summary>
    public List<JsonObject> Pages(Func<RequestContext, JsonObject, JsonObject> read, JsonObject request, int limit)
    {
        var seen = new List<JsonObject>();
        JsonNode? start = null;
        do
        {
            var page = (JsonObject)request.DeepClone();
            page["Limit"] = (long)limit;
            if (start is not null)
            {
                page["ExclusiveStartKey"] = start.DeepClone();
            }

            var output = read(Context, page);
            seen.AddRange(output["Items"]!.AsArray().Select(i => (JsonObject)i!.DeepClone()));
            start = output["LastEvaluatedKey"];
        }
        while (start is not null);

        return seen;
    }

    public static AwsServiceException Refused(Action action) => Assert.Throws<AwsServiceException>(action);

    public void Dispose() => store.Dispose();
}
