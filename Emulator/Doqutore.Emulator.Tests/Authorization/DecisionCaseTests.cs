using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

/// <summary>Every case of <c>Cases/decisions.json</c> through <see cref="PolicyEvaluator"/>.</summary>
public class DecisionCaseTests
{
    public static TheoryData<string> Cases() => [.. DecisionCases.Names()];

    [Fact]
    public void There_are_at_least_100_cases() => Assert.True(DecisionCases.Names().Count() >= 100);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_engine_decides_as_the_case_expects(string name)
    {
        var testCase = DecisionCases.Get(name);

        var result = PolicyEvaluator.Evaluate(DecisionCases.ToRequest(testCase));

        Assert.Equal((DecisionCases.ExpectedDecision(testCase), DecisionCases.ExpectedDecidedBy(testCase)), (result.Decision, result.DecidedBy));
    }
}
