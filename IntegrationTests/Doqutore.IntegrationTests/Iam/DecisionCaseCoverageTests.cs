using Xunit.Abstractions;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// How many decision cases are checked both ways: through the policy simulator and as a real request
/// through the enforcing gateway (the issue asks for at least 100 checked each way).
/// </summary>
public class DecisionCaseCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void At_least_100_cases_are_checked_through_the_simulator_and_a_real_request()
    {
        var both = ReplayCases.All.Count(c => SimulationCases.IsExpressible(c) && ReplayCases.SkipReason(c) is null);

        output.WriteLine($"{both} of {SimulationCases.Total} cases run through SimulateCustomPolicy and as real requests");
        Assert.True(both >= 100, $"only {both} cases are checked both ways");
    }
}
