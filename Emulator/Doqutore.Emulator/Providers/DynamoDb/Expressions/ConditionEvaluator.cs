using System.Text;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.DynamoDb.Expressions;

/// <summary>
/// Evaluates a parsed condition (ConditionExpression, FilterExpression) against an item. Comparisons between
/// different types, or with a missing attribute, are false (except <c>&lt;&gt;</c>, which is true), as in DynamoDB.
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Evaluate(Node condition, JsonObject item) => condition switch
    {
        AndNode and => Evaluate(and.Left, item) && Evaluate(and.Right, item),
        OrNode or => Evaluate(or.Left, item) || Evaluate(or.Right, item),
        NotNode not => !Evaluate(not.Operand, item),
        ParenthesesNode parentheses => Evaluate(parentheses.Inner, item),
        ComparisonNode comparison => Compare(comparison.Operator, Operand(comparison.Left, item), Operand(comparison.Right, item)),
        BetweenNode between => Between(Operand(between.Value, item), Operand(between.Lower, item), Operand(between.Upper, item)),
        InNode @in => Operand(@in.Value, item) is { } value && @in.Candidates.Any(c => AttributeValues.Equal(value, Operand(c, item))),
        FunctionNode function => Function(function, item),
        _ => false,
    };

    /// <summary>The value of an operand: a path's value, a placeholder's value, or size(); null when missing.</summary>
    public static JsonObject? Operand(Node node, JsonObject item) => node switch
    {
        PathNode path => DocumentPaths.Resolve(item, path.Path),
        ValueNode value => value.Value,
        FunctionNode { Name: "size" } size => Size(Operand(size.Arguments[0], item)),
        _ => null,
    };

    private static bool Compare(string op, JsonObject? left, JsonObject? right)
    {
        switch (op)
        {
            case "=":
                return left is not null && right is not null && AttributeValues.Equal(left, right);
            case "<>":
                return left is null || right is null || !AttributeValues.Equal(left, right);
        }

        var order = AttributeValues.CompareScalars(left, right);
        return order is { } o && op switch
        {
            "<" => o < 0,
            "<=" => o <= 0,
            ">" => o > 0,
            _ => o >= 0,
        };
    }

    private static bool Between(JsonObject? value, JsonObject? lower, JsonObject? upper) =>
        AttributeValues.CompareScalars(value, lower) is >= 0 && AttributeValues.CompareScalars(value, upper) is <= 0;

    private static bool Function(FunctionNode function, JsonObject item)
    {
        var args = function.Arguments;
        var first = Operand(args[0], item);
        switch (function.Name)
        {
            case "attribute_exists":
                return first is not null;
            case "attribute_not_exists":
                return first is null;
            case "attribute_type":
                return first is not null && Operand(args[1], item) is { } type && AttributeValues.TypeOf(type) == "S" &&
                       AttributeValues.TypeOf(first) == (string)type["S"]!;
            case "begins_with":
                var prefix = Operand(args[1], item);
                return AttributeValues.TypeOf(first) switch
                {
                    "S" when AttributeValues.TypeOf(prefix) == "S" => ((string)first!["S"]!).StartsWith((string)prefix!["S"]!, StringComparison.Ordinal),
                    "B" when AttributeValues.TypeOf(prefix) == "B" => AttributeValues.Bytes(first!).AsSpan().StartsWith(AttributeValues.Bytes(prefix!)),
                    _ => false,
                };
            case "contains":
                return Contains(first, Operand(args[1], item));
            default:
                return false;
        }
    }

    private static bool Contains(JsonObject? container, JsonObject? operand)
    {
        var operandType = AttributeValues.TypeOf(operand);
        switch (AttributeValues.TypeOf(container))
        {
            case "S" when operandType == "S":
                return ((string)container!["S"]!).Contains((string)operand!["S"]!, StringComparison.Ordinal);
            case "B" when operandType == "B":
                return AttributeValues.Bytes(container!).AsSpan().IndexOf(AttributeValues.Bytes(operand!)) >= 0;
            case "SS" when operandType == "S":
                return container!["SS"]!.AsArray().Any(e => (string)e! == (string)operand!["S"]!);
            case "BS" when operandType == "B":
                return container!["BS"]!.AsArray().Any(e => (string)e! == (string)operand!["B"]!);
            case "NS" when operandType == "N":
                return container!["NS"]!.AsArray().Any(e => AttributeValues.CompareNumbers((string)e!, (string)operand!["N"]!) == 0);
            case "L" when operand is not null:
                return container!["L"]!.AsArray().Any(e => AttributeValues.Equal(e as JsonObject, operand));
            default:
                return false;
        }
    }

    /// <summary>
    /// size(): string length, binary length, number of set/list elements or map entries; missing for other types.
    /// [guess] strings are measured in UTF-8 bytes, as DynamoDB measures them elsewhere.
    /// </summary>
    private static JsonObject? Size(JsonObject? value)
    {
        long? size = AttributeValues.TypeOf(value) switch
        {
            "S" => Encoding.UTF8.GetByteCount((string)value!["S"]!),
            "B" => AttributeValues.Bytes(value!).Length,
            "SS" or "NS" or "BS" or "L" => value!.First().Value!.AsArray().Count,
            "M" => value!["M"]!.AsObject().Count,
            _ => null,
        };
        return size is null ? null : new JsonObject { ["N"] = size.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
