using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>BatchGetItem (at most 100 keys) and BatchWriteItem (at most 25 requests); every request is processed, none left unprocessed.</summary>
internal sealed partial class DynamoDbProvider
{
    public JsonObject BatchGetItem(RequestContext context, JsonObject input)
    {
        var requests = input["RequestItems"] as JsonObject ?? throw DynamoDbErrors.Constraint("null", "requestItems", "Member must not be null");
        if (requests.Sum(r => (r.Value?["Keys"] as JsonArray)?.Count ?? 0) > 100)
        {
            throw DynamoDbErrors.Validation("Too many items requested for the BatchGetItem call");
        }

        var responses = new JsonObject();
        foreach (var (tableName, request) in requests)
        {
            var table = ItemTable(context, tableName);
            var expressions = RequestExpressions.ParseWithLegacy((JsonObject)request!);
            var keys = (request!["Keys"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var key in keys)
            {
                table.Keys.CheckKey(key);
            }

            if (keys.Select(table.Keys.CanonicalKey).Distinct().Count() != keys.Count)
            {
                throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
            }

            var found = new JsonArray();
            lock (table.Gate)
            {
                foreach (var key in keys)
                {
                    if (table.Get(key) is { } item)
                    {
                        found.Add(expressions.Project(item));
                    }
                }
            }

            responses[tableName] = found;
        }

        return new JsonObject { ["Responses"] = responses, ["UnprocessedKeys"] = new JsonObject() };
    }

    public JsonObject BatchWriteItem(RequestContext context, JsonObject input)
    {
        var requests = input["RequestItems"] as JsonObject ?? throw DynamoDbErrors.Constraint("null", "requestItems", "Member must not be null");
        if (requests.Sum(r => (r.Value as JsonArray)?.Count ?? 0) > 25)
        {
            throw DynamoDbErrors.Constraint(requests.ToJsonString(), "requestItems",
                "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }

        // Validate everything first: a batch with one bad request writes nothing.
        var plan = new List<(DynamoDbTable Table, JsonObject? Put, JsonObject? DeleteKey)>();
        foreach (var (tableName, list) in requests)
        {
            var table = ItemTable(context, tableName);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var request in (list as JsonArray ?? []).OfType<JsonObject>())
            {
                if (request["PutRequest"]?["Item"] is JsonObject item)
                {
                    var copy = (JsonObject)DynamoDbInput.Item(item, "item").DeepClone();
                    table.Keys.CheckItemKey(copy);
                    CheckIndexKeys(table, copy);
                    plan.Add((table, copy, null));
                    if (!seen.Add(table.Keys.CanonicalKey(copy)))
                    {
                        throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
                    }
                }
                else if (request["DeleteRequest"]?["Key"] is JsonObject key)
                {
                    table.Keys.CheckKey(key);
                    plan.Add((table, null, key));
                    if (!seen.Add(table.Keys.CanonicalKey(key)))
                    {
                        throw DynamoDbErrors.Validation("Provided list of item keys contains duplicates");
                    }
                }
                else
                {
                    // [guess] wording for a WriteRequest with neither member.
                    throw DynamoDbErrors.Validation("Supplied WriteRequest is empty, must contain exactly one of PutRequest or DeleteRequest");
                }
            }
        }

        var tickets = new List<(DynamoDbTable Table, long Ticket)>(plan.Count);
        foreach (var (table, put, deleteKey) in plan)
        {
            lock (table.Gate)
            {
                tickets.Add((table, put is not null ? table.Put(put) : table.Delete(deleteKey!)));
            }
        }

        foreach (var (table, ticket) in tickets)
        {
            table.Persistence.WaitDurable(ticket);
        }

        return new JsonObject { ["UnprocessedItems"] = new JsonObject() };
    }
}
