using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.DynamoDb;

/// <summary>AWSSDK.DynamoDBv2's document model (Table) and object persistence model (DynamoDBContext) against the emulator.</summary>
[Collection(EmulatorCollection.Name)]
public class DynamoDbHighLevelTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task The_document_model_puts_gets_updates_and_queries_documents()
    {
        using var client = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(client);
        var table = new TableBuilder(client, name).AddHashKey("pk", DynamoDBEntryType.String).AddRangeKey("sk", DynamoDBEntryType.String).Build();

        await table.PutItemAsync(new Document { ["pk"] = "incident", ["sk"] = "001", ["severity"] = 3, ["notes"] = new List<string> { "opened" } });
        await table.PutItemAsync(new Document { ["pk"] = "incident", ["sk"] = "002", ["severity"] = 5 });
        await table.UpdateItemAsync(new Document { ["pk"] = "incident", ["sk"] = "001", ["severity"] = 4 });
        var read = await table.GetItemAsync("incident", "001");
        var queried = await table.Query("incident", new QueryFilter("sk", QueryOperator.GreaterThan, "000")).GetRemainingAsync();

        Assert.Equal(4, read["severity"].AsInt());
        Assert.Equal(["opened"], read["notes"].AsListOfString());
        Assert.Equal(["001", "002"], queried.Select(d => d["sk"].AsString()));
    }

    [Fact]
    public async Task The_object_persistence_model_saves_loads_queries_and_deletes_objects()
    {
        using var client = DynamoDbSdk.Client(emulator);
        var name = await DynamoDbSdk.NewTable(client);
        var context = new DynamoDBContextBuilder().WithDynamoDBClient(() => client).Build();
        var config = new SaveConfig { OverrideTableName = name };
        var load = new LoadConfig { OverrideTableName = name };

        await context.SaveAsync(new IncidentNote { Incident = "i-1", At = "2026-01-01T00:00:00Z", Text = "stopped logging", Tags = ["cloudtrail"] }, config);
        await context.SaveAsync(new IncidentNote { Incident = "i-1", At = "2026-01-01T00:05:00Z", Text = "restarted", Tags = [] }, config);
        var loaded = await context.LoadAsync<IncidentNote>("i-1", "2026-01-01T00:00:00Z", load);
        var all = await context.QueryAsync<IncidentNote>("i-1", new QueryConfig { OverrideTableName = name }).GetRemainingAsync();
        await context.DeleteAsync(loaded, new DeleteConfig { OverrideTableName = name });

        Assert.Equal("stopped logging", loaded.Text);
        Assert.Equal(["cloudtrail"], loaded.Tags);
        Assert.Equal(["stopped logging", "restarted"], all.Select(n => n.Text));
        Assert.Null(await context.LoadAsync<IncidentNote>("i-1", "2026-01-01T00:00:00Z", load));
    }

    /// <summary>A responder's incident-log entry, mapped onto the test table's pk/sk.</summary>
    [DynamoDBTable("unused")]
    public sealed class IncidentNote
    {
        [DynamoDBHashKey("pk")]
        public string Incident { get; set; } = string.Empty;

        [DynamoDBRangeKey("sk")]
        public string At { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public List<string> Tags { get; set; } = [];
    }
}
