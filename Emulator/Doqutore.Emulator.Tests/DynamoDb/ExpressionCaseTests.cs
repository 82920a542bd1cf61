namespace Doqutore.Emulator.Tests.DynamoDb;

/// <summary>Every case of <c>Cases/expressions.json</c> through the expression parser, evaluator, update applier and projector.</summary>
public class ExpressionCaseTests
{
    public static TheoryData<string> Cases() => [.. ExpressionCases.Names()];

    [Fact]
    public void There_are_at_least_150_cases() => Assert.True(ExpressionCases.Names().Count() >= 150);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_expression_behaves_as_the_developer_guide_says(string name)
    {
        var testCase = ExpressionCases.Get(name);

        var actual = ExpressionCases.Run(testCase);

        var expected = ExpressionCases.Expected(testCase);
        Assert.True(ExpressionCases.Same(testCase, expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }
}
