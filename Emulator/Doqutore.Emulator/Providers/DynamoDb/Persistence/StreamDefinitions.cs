using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb.Streams;

namespace Doqutore.Emulator.Providers.DynamoDb.Persistence;

/// <summary>A stream's definition (everything but its records and sequence state) to and from JSON, for persistence.</summary>
internal static class StreamDefinitions
{
    public static JsonObject ToJson(DynamoDbStream stream) => new()
    {
        ["StreamArn"] = stream.Arn,
        ["StreamLabel"] = stream.Label,
        ["TableName"] = stream.TableName,
        ["StreamViewType"] = stream.ViewType,
        ["KeySchema"] = stream.Keys.ToJson(),
        ["AttributeDefinitions"] = new JsonArray([.. stream.Keys.Names.Select(n => (JsonNode)new JsonObject
        {
            ["AttributeName"] = n,
            ["AttributeType"] = n == stream.Keys.PartitionKey ? stream.Keys.PartitionType : stream.Keys.SortType,
        })]),
        ["CreatedAt"] = stream.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["DisabledAt"] = stream.DisabledAt?.ToString("O", CultureInfo.InvariantCulture),
    };

    public static DynamoDbStream FromJson(PersistedStream persisted)
    {
        var definition = persisted.Definition;
        var stream = new DynamoDbStream
        {
            Arn = (string)definition["StreamArn"]!,
            AccountId = persisted.AccountId,
            Region = persisted.Region,
            Label = (string)definition["StreamLabel"]!,
            TableName = (string)definition["TableName"]!,
            ViewType = (string)definition["StreamViewType"]!,
            Keys = TableDefinitions.Keys(definition["KeySchema"]!.AsArray(), definition["AttributeDefinitions"]!.AsArray()),
            CreatedAt = DateTimeOffset.Parse((string)definition["CreatedAt"]!, CultureInfo.InvariantCulture),
            DisabledAt = definition["DisabledAt"] is JsonValue disabled ? DateTimeOffset.Parse((string)disabled!, CultureInfo.InvariantCulture) : null,
        };
        stream.Restore(persisted.Records, persisted.NextSequence);
        return stream;
    }
}
