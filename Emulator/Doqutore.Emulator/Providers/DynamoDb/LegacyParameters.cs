using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>
/// The pre-expression parameters (KeyConditions, QueryFilter, ScanFilter, Expected with ConditionalOperator,
/// AttributeUpdates, AttributesToGet), still sent by the SDKs' document and object persistence models. Each is
/// translated into the same syntax tree an expression parses to, so one evaluator serves both.
/// </summary>
internal static class LegacyParameters
{
    private static readonly string[] Legacy = ["KeyConditions", "QueryFilter", "ScanFilter", "Expected", "AttributeUpdates", "AttributesToGet", "ConditionalOperator"];
    private static readonly string[] Expressions = ["KeyConditionExpression", "FilterExpression", "ConditionExpression", "UpdateExpression", "ProjectionExpression"];

    /// <summary>AWS refuses a request mixing both styles.</summary>
    public static void CheckNotMixed(JsonObject input)
    {
        var legacy = Legacy.Where(input.ContainsKey).ToList();
        var expressions = Expressions.Where(input.ContainsKey).ToList();
        if (legacy.Count > 0 && expressions.Count > 0)
        {
            throw DynamoDbErrors.Validation(
                $"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {{{string.Join(", ", legacy)}}} Expression parameters: {{{string.Join(", ", expressions)}}}");
        }
    }

    /// <summary>A KeyConditions / QueryFilter / ScanFilter map as a condition (AND, or OR with ConditionalOperator OR).</summary>
    public static Node? Conditions(JsonObject? conditions, string? conditionalOperator)
    {
        if (conditions is null || conditions.Count == 0)
        {
            return null;
        }

        var nodes = conditions.Select(c => Condition(c.Key, c.Value as JsonObject ?? [])).ToList();
        return Combine(nodes, conditionalOperator);
    }

    /// <summary>An Expected map as a condition.</summary>
    public static Node? Expected(JsonObject? expected, string? conditionalOperator)
    {
        if (expected is null || expected.Count == 0)
        {
            return null;
        }

        var nodes = new List<Node>();
        foreach (var (name, node) in expected)
        {
            var entry = node as JsonObject ?? [];
            var path = Path(name);
            if (entry["ComparisonOperator"] is not null)
            {
                nodes.Add(Condition(name, entry));
            }
            else if (entry["Exists"] is JsonValue exists && exists.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                if (entry["Value"] is not null)
                {
                    throw DynamoDbErrors.InvalidParameter($"Value cannot be used when Exists is false for Attribute: {name}");
                }

                nodes.Add(new FunctionNode("attribute_not_exists", [path]));
            }
            else if (entry["Value"] is JsonObject value)
            {
                nodes.Add(new ComparisonNode("=", path, Value(value)));
            }
            else
            {
                throw DynamoDbErrors.InvalidParameter($"Value must be provided when Exists is true for Attribute: {name}");
            }
        }

        return Combine(nodes, conditionalOperator);
    }

    /// <summary>AttributeUpdates as update actions: PUT sets, ADD adds, DELETE with a value removes set elements, without one removes the attribute.</summary>
    public static UpdateExpression? AttributeUpdates(JsonObject? updates)
    {
        if (updates is null || updates.Count == 0)
        {
            return null;
        }

        var actions = new List<UpdateAction>();
        foreach (var (name, node) in updates)
        {
            var entry = node as JsonObject ?? [];
            var value = entry["Value"] as JsonObject;
            var action = DynamoDbInput.String(entry, "Action") ?? "PUT";
            var path = new DocumentPath([new PathElement(name, 0)]);
            actions.Add(action switch
            {
                "PUT" when value is not null => new UpdateAction(UpdateActionKind.Set, path, Value(value)),
                "ADD" when value is not null => new UpdateAction(UpdateActionKind.Add, path, Value(value)),
                "DELETE" when value is not null => new UpdateAction(UpdateActionKind.Delete, path, Value(value)),
                "DELETE" => new UpdateAction(UpdateActionKind.Remove, path, null),
                _ => throw DynamoDbErrors.InvalidParameter($"Only DELETE action is allowed when no attribute value is specified"),
            });
        }

        return new UpdateExpression(actions);
    }

    /// <summary>AttributesToGet as a projection of top-level attributes.</summary>
    public static ProjectionExpression? AttributesToGet(JsonArray? attributes) =>
        attributes is null || attributes.Count == 0
            ? null
            : new ProjectionExpression([.. attributes.Select(a => new DocumentPath([new PathElement((string?)a ?? string.Empty, 0)]))]);

    private static Node Combine(List<Node> nodes, string? conditionalOperator) =>
        nodes.Aggregate((left, right) => conditionalOperator == "OR" ? new OrNode(left, right) : new AndNode(left, right));

    private static Node Condition(string name, JsonObject condition)
    {
        var op = DynamoDbInput.String(condition, "ComparisonOperator") ?? "EQ";
        var values = (condition["AttributeValueList"] as JsonArray ?? []).OfType<JsonObject>().Select(Value).ToList();
        var path = Path(name);
        var expected = op switch
        {
            "NULL" or "NOT_NULL" => 0,
            "BETWEEN" => 2,
            "IN" => -1,
            _ => 1,
        };
        if ((expected >= 0 && values.Count != expected) || (expected < 0 && values.Count == 0))
        {
            throw DynamoDbErrors.InvalidParameter($"Invalid number of argument(s) for the {op} ComparisonOperator");
        }

        return op switch
        {
            "EQ" => new ComparisonNode("=", path, values[0]),
            "NE" => new ComparisonNode("<>", path, values[0]),
            "LT" => new ComparisonNode("<", path, values[0]),
            "LE" => new ComparisonNode("<=", path, values[0]),
            "GT" => new ComparisonNode(">", path, values[0]),
            "GE" => new ComparisonNode(">=", path, values[0]),
            "BETWEEN" => new BetweenNode(path, values[0], values[1]),
            "IN" => new InNode(path, values),
            "BEGINS_WITH" => new FunctionNode("begins_with", [path, values[0]]),
            "CONTAINS" => new FunctionNode("contains", [path, values[0]]),
            "NOT_CONTAINS" => new AndNode(new FunctionNode("attribute_exists", [path]), new NotNode(new FunctionNode("contains", [path, values[0]]))),
            "NULL" => new FunctionNode("attribute_not_exists", [path]),
            "NOT_NULL" => new FunctionNode("attribute_exists", [path]),
            _ => throw DynamoDbErrors.Constraint(op, "comparisonOperator",
                "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"),
        };
    }

    private static PathNode Path(string name) => new(new DocumentPath([new PathElement(name, 0)]));

    private static ValueNode Value(JsonObject value)
    {
        if (AttributeValues.Validate(value) is { } problem)
        {
            throw DynamoDbErrors.Validation(problem);
        }

        return new ValueNode(":legacy", value);
    }
}
