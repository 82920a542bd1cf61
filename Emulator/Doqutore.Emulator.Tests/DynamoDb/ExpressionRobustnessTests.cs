using System.Text.Json.Nodes;
using Doqutore.Emulator.Providers.DynamoDb;
using Doqutore.Emulator.Providers.DynamoDb.Expressions;

namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>Malformed expressions and values end in AWS-shaped validation errors, never in another exception.</summary>
public class ExpressionRobustnessTests
{
    public static TheoryData<string> Garbage() =>
    [
        "(", ")", "((", "#", ":", "a[", "a[]", "a[-1]", "a[99999999999]", "a.", ".a", "a..b", "a = ", "= :v", "AND", "NOT",
        "a BETWEEN", "a IN (", "a IN (:v,", "f(", "f(a,", "size()", "begins_with(a, :v", "a = :v AND (", "\u00e9 = :v",
        "a = :v\u0000", "SET", "SET a", "SET a =", "REMOVE", "ADD a", "DELETE", "SET a = b +", "SET a = list_append(", ",", "a,,b",
        new string('(', 3000) + "a = :v" + new string(')', 3000), string.Concat(Enumerable.Repeat("NOT ", 1000)) + "a = :v",
    ];

    [Theory]
    [MemberData(nameof(Garbage))]
    public void A_malformed_condition_is_an_expression_error(string expression)
    {
        var attributes = new ExpressionAttributes(null, new JsonObject { [":v"] = new JsonObject { ["S"] = "x" } });

        Assert.ThrowsAny<ExpressionException>(() => ExpressionParser.ParseCondition("ConditionExpression", expression, attributes));
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public void A_malformed_update_is_an_expression_error(string expression)
    {
        var attributes = new ExpressionAttributes(null, new JsonObject { [":v"] = new JsonObject { ["S"] = "x" } });

        Assert.ThrowsAny<ExpressionException>(() => ExpressionParser.ParseUpdate(expression, attributes));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1,5")]
    [InlineData("")]
    [InlineData("0x10")]
    public void A_number_that_is_not_a_number_is_refused(string text) =>
        Assert.Equal("The parameter cannot be converted to a numeric value: " + text, AttributeValues.NumberProblem(text));
}
