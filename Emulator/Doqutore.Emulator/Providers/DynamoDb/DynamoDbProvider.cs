using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>
/// Amazon DynamoDB (json 1.0). Items stay in the AttributeValue wire shape end to end; expressions are parsed by
/// <c>Expressions/</c>. Split by topic: tables (this file), items, reads (Query/Scan) and batches.
/// Tables are ACTIVE as soon as they are created (the CreateTable answer says CREATING, as AWS's does).
/// </summary>
internal sealed partial class DynamoDbProvider(DynamoDbStore store, TimeProvider clock) : AwsServiceProvider
{
    private static readonly string[] ScalarTypes = ["S", "N", "B"];

    public override string ServiceId => "dynamodb";

    public JsonObject CreateTable(RequestContext context, JsonObject input)
    {
        var name = TableName(input);
        var definitions = input["AttributeDefinitions"] as JsonArray ?? throw DynamoDbErrors.Constraint("null", "attributeDefinitions", "Member must not be null");
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in definitions.OfType<JsonObject>())
        {
            var attribute = DynamoDbInput.String(definition, "AttributeName") ?? string.Empty;
            var type = DynamoDbInput.String(definition, "AttributeType") ?? string.Empty;
            if (Array.IndexOf(ScalarTypes, type) < 0)
            {
                throw DynamoDbErrors.Constraint(type, "attributeDefinitions.member.attributeType", "Member must satisfy enum value set: [B, N, S]");
            }

            if (!types.TryAdd(attribute, type))
            {
                // [guess] AWS's wording for a duplicated attribute definition.
                throw DynamoDbErrors.InvalidParameter($"Duplicate AttributeName in AttributeDefinitions: {attribute}");
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var keys = Schema(input["KeySchema"] as JsonArray, types, used, "keySchema");
        var indexes = new List<SecondaryIndex>();
        foreach (var (member, global) in new[] { ("GlobalSecondaryIndexes", true), ("LocalSecondaryIndexes", false) })
        {
            foreach (var gsi in (input[member] as JsonArray ?? []).OfType<JsonObject>())
            {
                var indexName = DynamoDbInput.String(gsi, "IndexName") ?? string.Empty;
                var indexKeys = Schema(gsi["KeySchema"] as JsonArray, types, used, "keySchema");
                if (!global && keys.SortKey is null)
                {
                    throw DynamoDbErrors.InvalidParameter("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
                }

                if (!global && indexKeys.PartitionKey != keys.PartitionKey)
                {
                    // [guess] wording.
                    throw DynamoDbErrors.InvalidParameter(
                        $"Index KeySchema does not have the same leading hash key as table KeySchema for index: {indexName}. index hash key: {indexKeys.PartitionKey}, table hash key: {keys.PartitionKey}");
                }

                if (indexes.Any(i => i.Name == indexName))
                {
                    throw DynamoDbErrors.InvalidParameter($"Duplicate index name: {indexName}");
                }

                indexes.Add(new SecondaryIndex
                {
                    Name = indexName,
                    Keys = indexKeys,
                    Projection = gsi["Projection"] is JsonObject projection ? (JsonObject)projection.DeepClone() : new JsonObject { ["ProjectionType"] = "ALL" },
                    Global = global,
                    ProvisionedThroughput = gsi["ProvisionedThroughput"]?.DeepClone() as JsonObject,
                });
            }
        }

        if (used.Count != types.Count)
        {
            throw DynamoDbErrors.InvalidParameter("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }

        var billing = DynamoDbInput.String(input, "BillingMode") ?? "PROVISIONED";
        var throughput = input["ProvisionedThroughput"] as JsonObject;
        if (billing == "PROVISIONED" && throughput is null)
        {
            throw DynamoDbErrors.InvalidParameter("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }

        if (billing == "PAY_PER_REQUEST" && throughput is not null)
        {
            throw DynamoDbErrors.InvalidParameter("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }

        var arn = $"arn:aws:dynamodb:{context.Region}:{context.AccountId}:table/{name}";
        var table = new DynamoDbTable
        {
            Name = name,
            Arn = arn,
            TableId = Guid.NewGuid().ToString(),
            AccountId = context.AccountId,
            Region = context.Region,
            Keys = keys,
            AttributeDefinitions = (JsonArray)definitions.DeepClone(),
            BillingMode = billing,
            ProvisionedThroughput = throughput?.DeepClone() as JsonObject,
            CreatedAt = clock.GetUtcNow(),
            DeletionProtectionEnabled = DynamoDbInput.Bool(input, "DeletionProtectionEnabled"),
            Tags = input["Tags"]?.DeepClone() as JsonArray,
        };
        table.Indexes.AddRange(indexes);
        table.Clock = clock;
        CheckStreamSpecification(input["StreamSpecification"] as JsonObject);
        if (!store.Add(table))
        {
            throw DynamoDbErrors.TableExists(name);
        }

        if (input["StreamSpecification"] is JsonObject streamSpecification)
        {
            lock (table.Gate)
            {
                ApplyStreamSpecification(table, streamSpecification);
                store.Save(table);
            }
        }

        return new JsonObject { ["TableDescription"] = Describe(table, "CREATING") };
    }

    public JsonObject DescribeTable(RequestContext context, JsonObject input) =>
        new() { ["Table"] = Describe(ExistingTable(context, input), "ACTIVE") };

    public JsonObject DeleteTable(RequestContext context, JsonObject input)
    {
        var table = ExistingTable(context, input);
        if (table.DeletionProtectionEnabled)
        {
            throw DynamoDbErrors.Validation($"Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
        }

        store.Remove(table, clock.GetUtcNow());
        return new JsonObject { ["TableDescription"] = Describe(table, "DELETING") };
    }

    public JsonObject ListTables(RequestContext context, JsonObject input)
    {
        var limit = DynamoDbInput.Long(input, "Limit") ?? 100;
        if (limit is < 1 or > 100)
        {
            throw DynamoDbErrors.Constraint(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "limit",
                limit < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 100");
        }

        var start = DynamoDbInput.String(input, "ExclusiveStartTableName");
        var names = store.Region(context).Tables.Keys.Order(StringComparer.Ordinal)
            .Where(n => start is null || string.CompareOrdinal(n, start) > 0).ToList();
        var page = names.Take((int)limit).ToList();
        var output = new JsonObject { ["TableNames"] = new JsonArray([.. page.Select(n => (JsonNode)JsonValue.Create(n))]) };
        if (names.Count > page.Count)
        {
            output["LastEvaluatedTableName"] = page[^1];
        }

        return output;
    }

    public JsonObject UpdateTable(RequestContext context, JsonObject input)
    {
        var table = ExistingTable(context, input);
        lock (table.Gate)
        {
            if (DynamoDbInput.String(input, "BillingMode") is { } billing)
            {
                table.BillingMode = billing;
                table.ProvisionedThroughput = billing == "PAY_PER_REQUEST" ? null : table.ProvisionedThroughput;
            }

            if (input["ProvisionedThroughput"] is JsonObject throughput)
            {
                table.ProvisionedThroughput = (JsonObject)throughput.DeepClone();
            }

            if (input["DeletionProtectionEnabled"] is not null)
            {
                table.DeletionProtectionEnabled = DynamoDbInput.Bool(input, "DeletionProtectionEnabled");
            }

            if (input["AttributeDefinitions"] is JsonArray definitions)
            {
                foreach (var definition in definitions.OfType<JsonObject>())
                {
                    if (!table.AttributeDefinitions.OfType<JsonObject>().Any(d => (string?)d["AttributeName"] == (string?)definition["AttributeName"]))
                    {
                        table.AttributeDefinitions.Add(definition.DeepClone());
                    }
                }
            }

            foreach (var update in (input["GlobalSecondaryIndexUpdates"] as JsonArray ?? []).OfType<JsonObject>())
            {
                UpdateIndex(table, update);
            }

            if (input["StreamSpecification"] is JsonObject stream)
            {
                var enable = stream["StreamEnabled"]?.GetValue<bool>() == true;
                if (enable && table.StreamEnabled)
                {
                    throw DynamoDbErrors.Validation($"Table already has an enabled stream: {table.LatestStreamArn}");
                }

                if (!enable && !table.StreamEnabled)
                {
                    throw DynamoDbErrors.Validation("Table already has no stream enabled"); // [guess] wording.
                }

                CheckStreamSpecification(stream);
                ApplyStreamSpecification(table, stream);
            }

            store.Save(table);
        }

        return new JsonObject { ["TableDescription"] = Describe(table, "UPDATING") };
    }

    private static void UpdateIndex(DynamoDbTable table, JsonObject update)
    {
        if (update["Create"] is JsonObject create)
        {
            var types = table.AttributeDefinitions.OfType<JsonObject>().ToDictionary(d => (string)d["AttributeName"]!, d => (string)d["AttributeType"]!, StringComparer.Ordinal);
            var name = DynamoDbInput.String(create, "IndexName") ?? string.Empty;
            if (table.Index(name) is not null)
            {
                throw DynamoDbErrors.InvalidParameter($"Index already exists: {name}"); // [guess] wording.
            }

            table.AddIndex(new SecondaryIndex
            {
                Name = name,
                Keys = Schema(create["KeySchema"] as JsonArray, types, [], "globalSecondaryIndexUpdates.member.create.keySchema"),
                Projection = create["Projection"] is JsonObject projection ? (JsonObject)projection.DeepClone() : new JsonObject { ["ProjectionType"] = "ALL" },
                ProvisionedThroughput = create["ProvisionedThroughput"]?.DeepClone() as JsonObject,
            });
        }
        else if (update["Delete"] is JsonObject delete)
        {
            var name = DynamoDbInput.String(delete, "IndexName") ?? string.Empty;
            if (table.Indexes.RemoveAll(i => i.Name == name && i.Global) == 0)
            {
                throw new Aws.Protocols.AwsServiceException("ResourceNotFoundException", $"Requested resource not found: Index: {name} not found"); // [guess] wording.
            }
        }
        else if (update["Update"] is JsonObject change && table.Index(DynamoDbInput.String(change, "IndexName") ?? string.Empty) is { } index)
        {
            index.ProvisionedThroughput = change["ProvisionedThroughput"]?.DeepClone() as JsonObject;
        }
    }

    private static void CheckStreamSpecification(JsonObject? specification)
    {
        if (specification?["StreamEnabled"]?.GetValue<bool>() == true && DynamoDbInput.String(specification, "StreamViewType") is null)
        {
            throw DynamoDbErrors.InvalidParameter("You must specify a StreamViewType when a stream is enabled"); // [guess] wording.
        }
    }

    private void ApplyStreamSpecification(DynamoDbTable table, JsonObject specification)
    {
        var enabled = specification["StreamEnabled"]?.GetValue<bool>() == true;

        table.StreamSpecification = (JsonObject)specification.DeepClone();
        if (table.Stream is not null)
        {
            store.Disable(table.Stream, clock.GetUtcNow());
            table.Stream = null;
        }

        if (enabled)
        {
            var now = clock.GetUtcNow();
            table.LatestStreamLabel = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
            table.LatestStreamArn = $"{table.Arn}/stream/{table.LatestStreamLabel}";
            table.Stream = new Streams.DynamoDbStream
            {
                Arn = table.LatestStreamArn,
                AccountId = table.AccountId,
                Label = table.LatestStreamLabel,
                TableName = table.Name,
                Region = table.Region,
                ViewType = (string)specification["StreamViewType"]!,
                Keys = table.Keys,
                CreatedAt = now,
            };
            store.AddStream(table.Stream);
        }
    }

    private static KeySchema Schema(JsonArray? schema, Dictionary<string, string> types, HashSet<string> used, string member)
    {
        var elements = (schema ?? []).OfType<JsonObject>().ToList();
        if (elements.Count is < 1 or > 2)
        {
            throw DynamoDbErrors.Constraint(schema?.ToJsonString() ?? "null", member,
                elements.Count < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 2");
        }

        var hash = elements.Where(e => (string?)e["KeyType"] == "HASH").Select(e => (string?)e["AttributeName"]).ToList();
        var range = elements.Where(e => (string?)e["KeyType"] == "RANGE").Select(e => (string?)e["AttributeName"]).ToList();
        if (hash.Count != 1 || (string?)elements[0]["KeyType"] != "HASH")
        {
            throw DynamoDbErrors.InvalidParameter("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }

        if (range.Count > 1 || hash[0] == range.FirstOrDefault())
        {
            throw DynamoDbErrors.InvalidParameter("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }

        var missing = hash.Concat(range).Where(n => n is null || !types.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw DynamoDbErrors.InvalidParameter(
                $"Some index key attributes are not defined in AttributeDefinitions. Keys: [{string.Join(", ", hash.Concat(range))}], AttributeDefinitions: [{string.Join(", ", types.Keys)}]");
        }

        used.UnionWith(hash.Concat(range)!);
        var sort = range.FirstOrDefault();
        return new KeySchema(hash[0]!, types[hash[0]!], sort, sort is null ? null : types[sort]);
    }

    private static string TableName(JsonObject input)
    {
        var name = DynamoDbInput.Required(input, "TableName", "tableName");
        if (name.Length is < 3 or > 255)
        {
            throw DynamoDbErrors.Constraint(name, "tableName", name.Length < 3 ? "Member must have length greater than or equal to 3" : "Member must have length less than or equal to 255");
        }

        if (!NamePattern().IsMatch(name))
        {
            throw DynamoDbErrors.Constraint(name, "tableName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }

        return name;
    }

    private DynamoDbTable ExistingTable(RequestContext context, JsonObject input)
    {
        var name = TableName(input);
        return store.Region(context).Tables.TryGetValue(name, out var table) ? table : throw DynamoDbErrors.TableNotFound(name);
    }

    /// <summary>The table an item operation names (item operations answer the short not-found message).</summary>
    private DynamoDbTable ItemTable(RequestContext context, string name) =>
        store.Region(context).Tables.TryGetValue(name, out var table) ? table : throw DynamoDbErrors.ResourceNotFound();

    private static JsonObject Describe(DynamoDbTable table, string status)
    {
        lock (table.Gate)
        {
            var description = new JsonObject
            {
                ["AttributeDefinitions"] = table.AttributeDefinitions.DeepClone(),
                ["TableName"] = table.Name,
                ["KeySchema"] = table.Keys.ToJson(),
                ["TableStatus"] = status,
                ["CreationDateTime"] = table.CreatedAt,
                ["ProvisionedThroughput"] = Throughput(table.ProvisionedThroughput),
                ["TableSizeBytes"] = table.SizeBytes,
                ["ItemCount"] = table.ItemCount,
                ["TableArn"] = table.Arn,
                ["TableId"] = table.TableId,
                ["DeletionProtectionEnabled"] = table.DeletionProtectionEnabled,
            };
            if (table.BillingMode == "PAY_PER_REQUEST")
            {
                description["BillingModeSummary"] = new JsonObject { ["BillingMode"] = "PAY_PER_REQUEST", ["LastUpdateToPayPerRequestDateTime"] = table.CreatedAt };
            }

            foreach (var (member, global) in new[] { ("GlobalSecondaryIndexes", true), ("LocalSecondaryIndexes", false) })
            {
                var indexes = table.Indexes.Where(i => i.Global == global).ToList();
                if (indexes.Count == 0)
                {
                    continue;
                }

                var array = new JsonArray();
                foreach (var index in indexes)
                {
                    var (count, bytes) = table.IndexStatistics(index);
                    var entry = new JsonObject
                    {
                        ["IndexName"] = index.Name,
                        ["KeySchema"] = index.Keys.ToJson(),
                        ["Projection"] = index.Projection.DeepClone(),
                        ["IndexSizeBytes"] = bytes,
                        ["ItemCount"] = count,
                        ["IndexArn"] = $"{table.Arn}/index/{index.Name}",
                    };
                    if (global)
                    {
                        entry["IndexStatus"] = "ACTIVE";
                        entry["ProvisionedThroughput"] = Throughput(index.ProvisionedThroughput);
                    }

                    array.Add(entry);
                }

                description[member] = array;
            }

            if (table.StreamSpecification is not null && table.StreamEnabled)
            {
                description["StreamSpecification"] = table.StreamSpecification.DeepClone();
            }

            if (table.LatestStreamArn is not null)
            {
                description["LatestStreamLabel"] = table.LatestStreamLabel;
                description["LatestStreamArn"] = table.LatestStreamArn;
            }

            return description;
        }
    }

    private static JsonObject Throughput(JsonObject? given) => new()
    {
        ["NumberOfDecreasesToday"] = 0L,
        ["ReadCapacityUnits"] = given?["ReadCapacityUnits"]?.GetValue<long>() ?? 0L,
        ["WriteCapacityUnits"] = given?["WriteCapacityUnits"]?.GetValue<long>() ?? 0L,
    };

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex NamePattern();
}
