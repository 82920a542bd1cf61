using System.Globalization;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Persistence;

/// <summary>A table's definition (everything but its items) to and from JSON, for persistence.</summary>
internal static class TableDefinitions
{
    public static JsonObject ToJson(DynamoDbTable table) => new()
    {
        ["TableName"] = table.Name,
        ["TableArn"] = table.Arn,
        ["TableId"] = table.TableId,
        ["CreatedAt"] = table.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["KeySchema"] = table.Keys.ToJson(),
        ["AttributeDefinitions"] = table.AttributeDefinitions.DeepClone(),
        ["Indexes"] = new JsonArray([.. table.Indexes.Select(i => (JsonNode)new JsonObject
        {
            ["IndexName"] = i.Name,
            ["KeySchema"] = i.Keys.ToJson(),
            ["Projection"] = i.Projection.DeepClone(),
            ["Global"] = i.Global,
            ["ProvisionedThroughput"] = i.ProvisionedThroughput?.DeepClone(),
        })]),
        ["BillingMode"] = table.BillingMode,
        ["ProvisionedThroughput"] = table.ProvisionedThroughput?.DeepClone(),
        ["StreamSpecification"] = table.StreamSpecification?.DeepClone(),
        ["LatestStreamLabel"] = table.LatestStreamLabel,
        ["LatestStreamArn"] = table.LatestStreamArn,
        ["DeletionProtectionEnabled"] = table.DeletionProtectionEnabled,
        ["Tags"] = table.Tags?.DeepClone(),
    };

    public static DynamoDbTable FromJson(JsonObject definition, string accountId, string region)
    {
        var types = Types(definition["AttributeDefinitions"]!.AsArray());
        var table = new DynamoDbTable
        {
            Name = (string)definition["TableName"]!,
            Arn = (string)definition["TableArn"]!,
            TableId = (string)definition["TableId"]!,
            AccountId = accountId,
            Region = region,
            CreatedAt = DateTimeOffset.Parse((string)definition["CreatedAt"]!, CultureInfo.InvariantCulture),
            Keys = Keys(definition["KeySchema"]!.AsArray(), types),
            AttributeDefinitions = (JsonArray)definition["AttributeDefinitions"]!.DeepClone(),
            BillingMode = (string)definition["BillingMode"]!,
            ProvisionedThroughput = definition["ProvisionedThroughput"]?.DeepClone() as JsonObject,
            StreamSpecification = definition["StreamSpecification"]?.DeepClone() as JsonObject,
            LatestStreamLabel = (string?)definition["LatestStreamLabel"],
            LatestStreamArn = (string?)definition["LatestStreamArn"],
            DeletionProtectionEnabled = (bool?)definition["DeletionProtectionEnabled"] ?? false,
            Tags = definition["Tags"]?.DeepClone() as JsonArray,
        };
        foreach (var index in definition["Indexes"]!.AsArray().OfType<JsonObject>())
        {
            table.Indexes.Add(new SecondaryIndex
            {
                Name = (string)index["IndexName"]!,
                Keys = Keys(index["KeySchema"]!.AsArray(), types),
                Projection = (JsonObject)index["Projection"]!.DeepClone(),
                Global = (bool?)index["Global"] ?? true,
                ProvisionedThroughput = index["ProvisionedThroughput"]?.DeepClone() as JsonObject,
            });
        }

        return table;
    }

    /// <summary>A key schema from its wire shape and the attribute definitions naming its types.</summary>
    public static KeySchema Keys(JsonArray schema, JsonArray attributeDefinitions) => Keys(schema, Types(attributeDefinitions));

    private static Dictionary<string, string> Types(JsonArray attributeDefinitions) => attributeDefinitions.OfType<JsonObject>()
        .ToDictionary(d => (string)d["AttributeName"]!, d => (string)d["AttributeType"]!, StringComparer.Ordinal);

    private static KeySchema Keys(JsonArray schema, Dictionary<string, string> types)
    {
        var hash = (string)schema.OfType<JsonObject>().First(e => (string?)e["KeyType"] == "HASH")["AttributeName"]!;
        var range = (string?)schema.OfType<JsonObject>().FirstOrDefault(e => (string?)e["KeyType"] == "RANGE")?["AttributeName"];
        return new KeySchema(hash, types[hash], range, range is null ? null : types[range]);
    }
}
