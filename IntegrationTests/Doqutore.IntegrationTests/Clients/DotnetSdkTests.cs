using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Clients;

/// <summary>The official AWS SDK for .NET against the emulator.</summary>
[Collection(EmulatorCollection.Name)]
public class DotnetSdkTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Sts_GetCallerIdentity_returns_the_account_root()
    {
        using var sts = SdkClients.Sts(emulator);

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("arn:aws:iam::000000000000:root", identity.Arn);
        Assert.Equal("000000000000", identity.Account);
        Assert.Equal("000000000000", identity.UserId);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_SignatureDoesNotMatch()
    {
        using var sts = SdkClients.Sts(emulator, new BasicAWSCredentials(EmulatorFixture.AccessKeyId, "wrong"));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }
}
