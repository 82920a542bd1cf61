using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>Every decision case SimulateCustomPolicy can express, through the emulator over HTTP with the spec client.</summary>
[Collection(EmulatorCollection.Name)]
public class SimulationDecisionCaseTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsClient _iam = new(ServiceModels.Get("iam"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    public static TheoryData<string> Cases() => [.. SimulationCases.ExpressibleNames()];

    public void Dispose()
    {
        _iam.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Most_cases_are_expressible_through_SimulateCustomPolicy() =>
        Assert.True(SimulationCases.ExpressibleNames().Count() * 4 >= SimulationCases.Total * 3, $"{SimulationCases.ExpressibleNames().Count()} of {SimulationCases.Total}");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_simulator_decides_as_the_case_expects(string name)
    {
        var testCase = SimulationCases.Get(name);

        var output = await _iam.InvokeAsync("SimulateCustomPolicy", SimulationCases.ToInput(testCase));

        var decisions = output["EvaluationResults"]!.AsArray().Select(r => (string)r!["EvalDecision"]!);
        Assert.Equal(SimulationCases.ExpectedDecision(testCase), SimulationCases.Combine(decisions));
    }
}
