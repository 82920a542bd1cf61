using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>
/// Query and Scan. Both read a page: at most Limit items evaluated (before the filter) and at most 1 MB, then
/// LastEvaluatedKey names the last item evaluated (table keys, plus the index keys when reading an index).
/// A Query reads only its partition of the table or index, entered at its sort-key range or its ExclusiveStartKey;
/// a Scan walks the partitions in order, resuming at its ExclusiveStartKey.
/// </summary>
internal sealed partial class DynamoDbProvider
{
    private const int PageBytes = 1024 * 1024;

    public JsonObject Query(RequestContext context, JsonObject input)
    {
        var table = ItemTable(context, DynamoDbInput.Required(input, "TableName", "tableName"));
        var expressions = RequestExpressions.ParseWithLegacy(input);
        if (expressions.KeyCondition is null)
        {
            throw DynamoDbErrors.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }

        var index = ReadIndex(table, input);
        var keys = index?.Keys ?? table.Keys;
        var condition = DynamoDbInput.Expression(() => KeyCondition.From(expressions.KeyCondition, keys.PartitionKey, keys.SortKey));
        CheckConditionType(condition.PartitionKeyValue, keys.PartitionType);
        foreach (var value in condition.SortKey?.Values ?? [])
        {
            CheckConditionType(value, keys.SortType!);
        }

        var forward = !(input["ScanIndexForward"] is JsonValue direction && direction.GetValueKind() == System.Text.Json.JsonValueKind.False);
        var start = StartKey(input, table, index);
        if (start is not null && !AttributeValues.Equal((JsonObject)start[keys.PartitionKey]!, condition.PartitionKeyValue))
        {
            // [guess] AWS's wording for a start key outside the queried partition.
            throw DynamoDbErrors.Validation("The provided starting key is outside query boundaries based on provided conditions");
        }

        lock (table.Gate)
        {
            return ReadPage(input, table, index, expressions, table.Query(index, condition.PartitionKeyValue, condition.SortKey, start, forward));
        }
    }

    public JsonObject Scan(RequestContext context, JsonObject input)
    {
        var table = ItemTable(context, DynamoDbInput.Required(input, "TableName", "tableName"));
        var expressions = RequestExpressions.ParseWithLegacy(input);
        var index = ReadIndex(table, input);
        var segment = DynamoDbInput.Long(input, "Segment");
        var total = DynamoDbInput.Long(input, "TotalSegments");
        if ((segment is null) != (total is null))
        {
            throw DynamoDbErrors.Validation(segment is null
                ? "The TotalSegments parameter is non-null, but the Segment parameter is null"
                : "The Segment parameter is non-null, but the TotalSegments parameter is null");
        }

        if (total is < 1 or > 1000000)
        {
            throw DynamoDbErrors.Constraint(total.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "totalSegments",
                total < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 1000000");
        }

        if (segment is not null && (segment < 0 || segment >= total))
        {
            throw DynamoDbErrors.Validation($"The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: {segment} is not less than TotalSegments: {total}");
        }

        var start = StartKey(input, table, index);
        lock (table.Gate)
        {
            var candidates = table.Scan(index, start);
            if (segment is not null)
            {
                // An item belongs to the segment its partition key hashes to, so segments split the table without overlap.
                candidates = candidates.Where(i => SegmentOf(KeySchema.Canonical((JsonObject)i[table.Keys.PartitionKey]!), total!.Value) == segment);
            }

            return ReadPage(input, table, index, expressions, candidates);
        }
    }

    private static long SegmentOf(string partitionKey, long totalSegments)
    {
        var hash = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(partitionKey));
        return (long)(BitConverter.ToUInt32(hash, 0) % (ulong)totalSegments);
    }

    private static SecondaryIndex? ReadIndex(DynamoDbTable table, JsonObject input)
    {
        if (DynamoDbInput.String(input, "IndexName") is not { } name)
        {
            return null;
        }

        return table.Index(name) ?? throw DynamoDbErrors.Validation($"The table does not have the specified index: {name}");
    }

    /// <summary>The ExclusiveStartKey, which must hold the table's key attributes (and the index's) with their types.</summary>
    private static JsonObject? StartKey(JsonObject input, DynamoDbTable table, SecondaryIndex? index)
    {
        if (input["ExclusiveStartKey"] is not JsonObject start)
        {
            return null;
        }

        foreach (var keys in index is null ? [table.Keys] : new[] { table.Keys, index.Keys })
        {
            if (keys.Names.Any(n => AttributeValues.TypeOf(start[n] as JsonObject) != (n == keys.PartitionKey ? keys.PartitionType : keys.SortType)))
            {
                throw DynamoDbErrors.Validation("The provided starting key is invalid: The provided key element does not match the schema");
            }
        }

        return start;
    }

    private static void CheckConditionType(JsonObject value, string type)
    {
        if (AttributeValues.TypeOf(value) != type)
        {
            throw DynamoDbErrors.InvalidParameter("Condition parameter type does not match schema type");
        }
    }

    private static JsonObject ReadPage(JsonObject input, DynamoDbTable table, SecondaryIndex? index, RequestExpressions expressions, IEnumerable<JsonObject> candidates)
    {
        var limit = DynamoDbInput.Long(input, "Limit");
        if (limit is < 1)
        {
            throw DynamoDbErrors.Constraint(limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "limit", "Member must have value greater than or equal to 1");
        }

        var select = DynamoDbInput.String(input, "Select") ?? (expressions.Projection is null ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES");
        if (select == "SPECIFIC_ATTRIBUTES" && expressions.Projection is null)
        {
            // [guess] AWS's wording for SPECIFIC_ATTRIBUTES without a projection.
            throw DynamoDbErrors.Validation("One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression");
        }

        if (select != "SPECIFIC_ATTRIBUTES" && expressions.Projection is not null)
        {
            throw DynamoDbErrors.Validation("One or more parameter values were invalid: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
        }

        var pageKeys = index is null ? table.Keys.Names.ToList() : [.. table.Keys.Names.Union(index.Keys.Names)];
        var items = new JsonArray();
        long scanned = 0;
        long count = 0;
        long bytes = 0;
        JsonObject? last = null;
        var more = false;
        foreach (var item in candidates)
        {
            if ((limit is not null && scanned >= limit) || bytes >= PageBytes)
            {
                more = true;
                break;
            }

            scanned++;
            bytes += AttributeValues.ItemSize(item);
            last = item;
            if (expressions.Filter is not null && !ConditionEvaluator.Evaluate(expressions.Filter, item))
            {
                continue;
            }

            count++;
            if (select != "COUNT")
            {
                var visible = index is null ? item : Only(item, item.Select(p => p.Key).Where(a => index.Projects(a, table.Keys)).ToHashSet(StringComparer.Ordinal));
                items.Add(expressions.Project(visible));
            }
        }

        var output = new JsonObject { ["Count"] = count, ["ScannedCount"] = scanned };
        if (select != "COUNT")
        {
            output["Items"] = items;
        }

        if (more && last is not null)
        {
            var key = new JsonObject();
            foreach (var name in pageKeys)
            {
                key[name] = last[name]!.DeepClone();
            }

            output["LastEvaluatedKey"] = key;
        }

        AddConsumedCapacity(input, output, table, () => Math.Max(0.5, Math.Ceiling(bytes / 4096.0) * (DynamoDbInput.Bool(input, "ConsistentRead") ? 1 : 0.5)));
        return output;
    }
}
