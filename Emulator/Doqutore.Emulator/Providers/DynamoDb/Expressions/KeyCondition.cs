using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>The sort-key part of a key condition: EQ, LT, LE, GT, GE, BETWEEN or BEGINS_WITH with its values.</summary>
internal sealed record SortKeyCondition(string Operator, IReadOnlyList<JsonObject> Values)
{
    /// <summary>Whether a sort-key value satisfies the condition.</summary>
    public bool Matches(JsonObject? value)
    {
        var order = AttributeValues.CompareScalars(value, Values[0]);
        return Operator switch
        {
            "EQ" => order == 0,
            "LT" => order < 0,
            "LE" => order <= 0,
            "GT" => order > 0,
            "GE" => order >= 0,
            "BETWEEN" => order >= 0 && AttributeValues.CompareScalars(value, Values[1]) <= 0,
            _ => AttributeValues.TypeOf(value) == AttributeValues.TypeOf(Values[0]) && AttributeValues.TypeOf(value) switch
            {
                "S" => ((string)value!["S"]!).StartsWith((string)Values[0]["S"]!, StringComparison.Ordinal),
                "B" => AttributeValues.Bytes(value!).AsSpan().StartsWith(AttributeValues.Bytes(Values[0])),
                _ => false,
            },
        };
    }
}

/// <summary>A KeyConditionExpression reduced to what a Query needs: the partition key value and an optional sort-key condition.</summary>
internal sealed record KeyCondition(string PartitionKeyName, JsonObject PartitionKeyValue, string? SortKeyName, SortKeyCondition? SortKey)
{
    /// <summary>
    /// Checks a parsed key condition against KeyConditionExpression's rules (only =, &lt;, &lt;=, &gt;, &gt;=, BETWEEN,
    /// begins_with and AND; one condition per key; top-level key attributes only) and the key schema of the table or
    /// index queried. Messages are AWS's.
    /// </summary>
    public static KeyCondition From(Node expression, string partitionKey, string? sortKey)
    {
        var conditions = new Dictionary<string, (string Operator, List<JsonObject> Values)>(StringComparer.Ordinal);
        Collect(expression, conditions);
        if (!conditions.TryGetValue(partitionKey, out var partition))
        {
            throw Invalid($"Query condition missed key schema element: {partitionKey}");
        }

        if (partition.Operator != "EQ")
        {
            throw Invalid("Query key condition not supported");
        }

        SortKeyCondition? sort = null;
        foreach (var (name, condition) in conditions)
        {
            if (name == partitionKey)
            {
                continue;
            }

            if (name != sortKey)
            {
                // [guess] AWS names the sort key it expected; with no sort key it names the attribute.
                throw Invalid($"Query condition missed key schema element: {sortKey ?? name}");
            }

            sort = new SortKeyCondition(condition.Operator, condition.Values);
        }

        return new KeyCondition(partitionKey, partition.Values[0], sortKey, sort);
    }

    private static ExpressionException Invalid(string message) => new(message);


    private static void Collect(Node node, Dictionary<string, (string, List<JsonObject>)> conditions)
    {
        switch (node)
        {
            case ParenthesesNode parentheses:
                Collect(parentheses.Inner, conditions);
                return;
            case AndNode and:
                Collect(and.Left, conditions);
                Collect(and.Right, conditions);
                return;
            case OrNode:
                throw Invalid("Invalid operator used in KeyConditionExpression: OR");
            case NotNode:
                throw Invalid("Invalid operator used in KeyConditionExpression: NOT");
            case InNode:
                throw Invalid("Invalid operator used in KeyConditionExpression: IN");
            case ComparisonNode { Operator: "<>" }:
                throw Invalid("Invalid operator used in KeyConditionExpression: <>");
            case FunctionNode { Name: "size" }:
                throw Invalid("KeyConditionExpressions cannot contain nested operations");
            case FunctionNode { Name: not "begins_with" } function:
                throw Invalid($"Invalid operator used in KeyConditionExpression: {function.Name}");
            case FunctionNode function:
                if (function.Arguments[0] is not PathNode)
                {
                    throw Invalid("Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
                }

                Add(conditions, "BEGINS_WITH", function.Arguments);
                return;
            case BetweenNode between:
                if (between.Value is not PathNode)
                {
                    throw Invalid("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
                }

                Add(conditions, "BETWEEN", [between.Value, between.Lower, between.Upper]);
                return;
            case ComparisonNode comparison:
                var swapped = comparison.Left is not PathNode && comparison.Right is PathNode;
                var op = (comparison.Operator, swapped) switch
                {
                    ("=", _) => "EQ",
                    ("<", false) or (">", true) => "LT",
                    ("<=", false) or (">=", true) => "LE",
                    (">", false) or ("<", true) => "GT",
                    _ => "GE",
                };
                Add(conditions, op, swapped ? [comparison.Right, comparison.Left] : [comparison.Left, comparison.Right]);
                return;
        }
    }

    private static void Add(Dictionary<string, (string, List<JsonObject>)> conditions, string op, IReadOnlyList<Node> operands)
    {
        string? name = null;
        var values = new List<JsonObject>();
        foreach (var operand in operands)
        {
            switch (operand)
            {
                case PathNode path when name is not null:
                    throw Invalid("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                case PathNode path when path.Path.Elements.Count > 1:
                    throw Invalid("KeyConditionExpressions cannot have conditions on nested attributes");
                case PathNode path:
                    name = path.Path.Head;
                    break;
                case ValueNode value:
                    values.Add(value.Value!);
                    break;
                case FunctionNode:
                    throw Invalid("KeyConditionExpressions cannot contain nested operations");
            }
        }

        if (name is null)
        {
            throw Invalid("Invalid condition in KeyConditionExpression: No key attribute specified");
        }

        if (!conditions.TryAdd(name, (op, values)))
        {
            throw Invalid("KeyConditionExpressions must only contain one condition per key");
        }
    }
}
