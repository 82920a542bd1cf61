using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Contract;

/// <summary>
/// Client-level checks that any faithful AWS emulator must pass, run against ours and, where it can run,
/// against LocalStack: the same assertions, so a difference is a finding about one of the two.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class ContractTests(EmulatorFixture emulator, LocalStackFixture localStack) : IClassFixture<LocalStackFixture>
{
    public static TheoryData<string> Targets => new() { "emulator", "localstack" };

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public async Task GetCallerIdentity_names_the_root_of_the_account(string target)
    {
        var aws = Resolve(target);
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSecurityTokenServiceConfig { ServiceURL = aws.Url, AuthenticationRegion = EmulatorFixture.Region, MaxErrorRetry = 0 });

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(aws.AccountId, identity.Account);
        Assert.Equal($"arn:aws:iam::{aws.AccountId}:root", identity.Arn);
    }

    private AwsTarget Resolve(string target)
    {
        if (target == "emulator")
        {
            return new AwsTarget("emulator", emulator.Url, EmulatorFixture.AccountId);
        }

        Skip.If(localStack.Target is null, $"LocalStack is not available: {localStack.SkipReason}");
        return localStack.Target!;
    }
}
