using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>
/// PutItem, GetItem, UpdateItem, DeleteItem: conditions checked and the write applied under the table's lock; a write
/// is acknowledged once it is durable, waited for after the lock so concurrent writers share a commit.
/// </summary>
internal sealed partial class DynamoDbProvider
{
    public JsonObject PutItem(RequestContext context, JsonObject input)
    {
        var table = ItemTable(context, DynamoDbInput.Required(input, "TableName", "tableName"));
        var item = (JsonObject)DynamoDbInput.Item(input["Item"] as JsonObject, "item").DeepClone();
        var returnValues = ReturnValues(input, "NONE", "ALL_OLD");
        var expressions = RequestExpressions.ParseWithLegacy(input);
        table.Keys.CheckItemKey(item);
        CheckIndexKeys(table, item);
        JsonObject? old;
        long ticket;
        lock (table.Gate)
        {
            old = table.Get(item);
            expressions.CheckCondition(old, input);
            ticket = table.Put(item);
        }

        table.Persistence.WaitDurable(ticket);
        return WriteOutput(input, table, returnValues == "ALL_OLD" ? old : null, item);
    }

    public JsonObject GetItem(RequestContext context, JsonObject input)
    {
        var table = ItemTable(context, DynamoDbInput.Required(input, "TableName", "tableName"));
        var key = input["Key"] as JsonObject;
        var expressions = RequestExpressions.ParseWithLegacy(input);
        table.Keys.CheckKey(key);
        JsonObject? item;
        lock (table.Gate)
        {
            item = table.Get(key!);
            item = item is null ? null : expressions.Project(item);
        }

        var output = new JsonObject();
        if (item is not null)
        {
            output["Item"] = item;
        }

        AddConsumedCapacity(input, output, table, () => item is null ? 0.5 : ReadUnits(item, DynamoDbInput.Bool(input, "ConsistentRead")));
        return output;
    }

    public JsonObject DeleteItem(RequestContext context, JsonObject input)
    {
        var table = ItemTable(context, DynamoDbInput.Required(input, "TableName", "tableName"));
        var key = input["Key"] as JsonObject;
        var returnValues = ReturnValues(input, "NONE", "ALL_OLD");
        var expressions = RequestExpressions.ParseWithLegacy(input);
        table.Keys.CheckKey(key);
        JsonObject? old;
        long ticket;
        lock (table.Gate)
        {
            old = table.Get(key!);
            expressions.CheckCondition(old, input);
            ticket = old is null ? 0 : table.Delete(key!);
        }

        table.Persistence.WaitDurable(ticket);

        return WriteOutput(input, table, returnValues == "ALL_OLD" ? old : null, old);
    }

    public JsonObject UpdateItem(RequestContext context, JsonObject input)
    {
        var table = ItemTable(context, DynamoDbInput.Required(input, "TableName", "tableName"));
        var key = input["Key"] as JsonObject;
        var returnValues = ReturnValues(input, "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        var expressions = RequestExpressions.ParseWithLegacy(input);
        table.Keys.CheckKey(key);
        if (expressions.Update?.Actions.FirstOrDefault(a => table.Keys.Names.Contains(a.Path.Head)) is { } keyAction)
        {
            throw DynamoDbErrors.InvalidParameter($"Cannot update attribute {keyAction.Path.Head}. This attribute is part of the key");
        }

        JsonObject? old;
        JsonObject updated;
        long ticket;
        lock (table.Gate)
        {
            old = table.Get(key!);
            expressions.CheckCondition(old, input);
            var start = old ?? (JsonObject)key!.DeepClone();
            updated = expressions.Update is null ? AttributeValues.Clone(start) : DynamoDbInput.Expression(() => UpdateApplier.Apply(expressions.Update, start));
            DynamoDbInput.Item(updated, "item");
            CheckIndexKeys(table, updated);
            ticket = table.Put(updated);
        }

        table.Persistence.WaitDurable(ticket);

        var touched = expressions.Update?.Actions.Select(a => a.Path.Head).ToHashSet(StringComparer.Ordinal) ?? [];
        JsonObject? attributes = returnValues switch
        {
            "ALL_OLD" => old,
            "ALL_NEW" => updated,
            "UPDATED_OLD" => old is null ? null : Only(old, touched),
            "UPDATED_NEW" => Only(updated, touched),
            _ => null,
        };
        return WriteOutput(input, table, attributes, updated);
    }

    private static JsonObject Only(JsonObject item, HashSet<string> names)
    {
        var result = new JsonObject();
        foreach (var (name, value) in item.Where(p => names.Contains(p.Key)))
        {
            result[name] = value!.DeepClone();
        }

        return result;
    }

    private static JsonObject WriteOutput(JsonObject input, DynamoDbTable table, JsonObject? attributes, JsonObject? written)
    {
        var output = new JsonObject();
        if (attributes is { Count: > 0 })
        {
            output["Attributes"] = attributes.DeepClone();
        }

        AddConsumedCapacity(input, output, table, () => written is null ? 1 : Math.Ceiling(AttributeValues.ItemSize(written) / 1024.0));
        return output;
    }

    private static string ReturnValues(JsonObject input, params string[] allowed)
    {
        var value = DynamoDbInput.String(input, "ReturnValues") ?? "NONE";
        if (Array.IndexOf(allowed, value) < 0)
        {
            throw allowed.Length == 2
                ? DynamoDbErrors.Validation("ReturnValues can only be ALL_OLD or NONE")
                : DynamoDbErrors.Constraint(value, "returnValues", "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
        }

        return value;
    }

    /// <summary>Index key attributes present on an item must have the type the index declares.</summary>
    private static void CheckIndexKeys(DynamoDbTable table, JsonObject item)
    {
        foreach (var index in table.Indexes)
        {
            foreach (var (name, type) in new[] { (index.Keys.PartitionKey, index.Keys.PartitionType), (index.Keys.SortKey, index.Keys.SortType) })
            {
                if (name is not null && item[name] is JsonObject value && AttributeValues.TypeOf(value) != type)
                {
                    throw DynamoDbErrors.InvalidParameter($"Type mismatch for Index Key {name} Expected: {type} Actual: {AttributeValues.TypeOf(value)} IndexName: {index.Name}");
                }
            }
        }
    }

    private static double ReadUnits(JsonObject item, bool consistent) =>
        Math.Ceiling(AttributeValues.ItemSize(item) / 4096.0) * (consistent ? 1 : 0.5);

    /// <summary>
    /// ReturnConsumedCapacity TOTAL or INDEXES: a capacity estimate by AWS's unit sizes (1 KB write, 4 KB read),
    /// computed only when asked for (it walks the item).
    /// </summary>
    private static void AddConsumedCapacity(JsonObject input, JsonObject output, DynamoDbTable table, Func<double> units)
    {
        if (DynamoDbInput.String(input, "ReturnConsumedCapacity") is "TOTAL" or "INDEXES")
        {
            output["ConsumedCapacity"] = new JsonObject { ["TableName"] = table.Name, ["CapacityUnits"] = Math.Max(units(), 0.5) };
        }
    }
}
