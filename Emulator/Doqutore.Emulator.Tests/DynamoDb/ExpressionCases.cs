using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>
/// Reads <c>Cases/expressions.json</c>: expression cases written from the DynamoDB developer guide, each run against
/// the guide's ProductCatalog item (or its own item). A case either expects a result (a condition's truth, the item
/// after an update, a projection, a key condition) or an error with AWS's message.
/// </summary>
internal static class ExpressionCases
{
    private static readonly Lazy<JsonObject> File = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DynamoDb", "Cases", "expressions.json")))!.AsObject());

    public static IEnumerable<string> Names() => File.Value["cases"]!.AsArray().Select(c => (string)c!["name"]!);

    public static JsonObject Get(string name) => File.Value["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!.AsObject();

    public static JsonObject Item(JsonObject testCase) => (JsonObject)(testCase["item"] ?? File.Value["item"])!.DeepClone();

    /// <summary>Runs a case and returns what it produced: the outcome as JSON, or the error message.</summary>
    public static JsonNode Run(JsonObject testCase)
    {
        var expression = (string)testCase["expression"]!;
        var item = Item(testCase);
        try
        {
            var attributes = new ExpressionAttributes(testCase["names"] as JsonObject, testCase["values"] as JsonObject);
            switch ((string)testCase["kind"]!)
            {
                case "condition" or "filter":
                    var condition = ExpressionParser.ParseCondition((string)testCase["kind"]! == "filter" ? "FilterExpression" : "ConditionExpression", expression, attributes);
                    attributes.CheckAllUsed();
                    return JsonValue.Create(ConditionEvaluator.Evaluate(condition, item));
                case "update":
                    var update = ExpressionParser.ParseUpdate(expression, attributes);
                    attributes.CheckAllUsed();
                    return UpdateApplier.Apply(update, item);
                case "projection":
                    var projection = ExpressionParser.ParseProjection(expression, attributes);
                    attributes.CheckAllUsed();
                    return Projector.Project(projection, item);
                default:
                    var keyExpression = ExpressionParser.ParseCondition("KeyConditionExpression", expression, attributes);
                    attributes.CheckAllUsed();
                    var key = KeyCondition.From(keyExpression, (string)testCase["partitionKey"]!, (string?)testCase["sortKey"]);
                    var result = new JsonObject { [key.PartitionKeyName] = key.PartitionKeyValue.DeepClone() };
                    if (key.SortKey is not null)
                    {
                        result["sort"] = key.SortKey.Operator;
                    }

                    return result;
            }
        }
        catch (ExpressionException e)
        {
            return JsonValue.Create("error: " + e.Message);
        }
    }

    /// <summary>What the case expects, in the shape <see cref="Run"/> produces.</summary>
    public static JsonNode Expected(JsonObject testCase)
    {
        if (testCase["error"] is { } error)
        {
            return JsonValue.Create("error: " + (string)error!);
        }

        if (testCase["runtimeError"] is { } runtime)
        {
            return JsonValue.Create("error: " + (string)runtime!);
        }

        if (testCase["expect"] is { } truth)
        {
            return truth.DeepClone();
        }

        if (testCase["expectSet"] is JsonObject set)
        {
            var item = Item(testCase);
            foreach (var (name, value) in set)
            {
                item[name] = value!.DeepClone();
            }

            foreach (var removed in testCase["expectRemoved"]?.AsArray() ?? [])
            {
                item.Remove((string)removed!);
            }

            return item;
        }

        return (testCase["expectItem"] ?? testCase["expectKey"])!.DeepClone();
    }

    /// <summary>Items compare as DynamoDB compares maps (numbers by value, sets in any order); the rest as JSON.</summary>
    public static bool Same(JsonObject testCase, JsonNode expected, JsonNode actual) =>
        (string)testCase["kind"]! is "update" or "projection" && expected is JsonObject e && actual is JsonObject a
            ? AttributeValues.Equal(new JsonObject { ["M"] = e.DeepClone() }, new JsonObject { ["M"] = a.DeepClone() })
            : JsonNode.DeepEquals(expected, actual);
}
