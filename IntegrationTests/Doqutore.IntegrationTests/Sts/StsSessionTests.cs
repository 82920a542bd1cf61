using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Sts;

/// <summary>Temporary credentials from GetSessionToken, used as AWS clients use them.</summary>
[Collection(EmulatorCollection.Name)]
public class StsSessionTests(EmulatorFixture emulator)
{
    [Fact]
    public async Task Session_credentials_act_as_the_caller()
    {
        using var sts = SdkClients.Sts(emulator);
        var session = (await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;

        using var asSession = SdkClients.Sts(emulator, new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken));
        var identity = await asSession.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.StartsWith("ASIA", session.AccessKeyId, StringComparison.Ordinal);
        Assert.InRange(session.Expiration!.Value, DateTime.UtcNow.AddMinutes(14), DateTime.UtcNow.AddMinutes(16));
        Assert.Equal("arn:aws:iam::000000000000:root", identity.Arn);
    }

    [Fact]
    public async Task A_session_key_without_its_token_is_refused()
    {
        using var sts = SdkClients.Sts(emulator);
        var session = (await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;

        using var noToken = SdkClients.Sts(emulator, new BasicAWSCredentials(session.AccessKeyId, session.SecretAccessKey));
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => noToken.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }

    [Fact]
    public async Task Session_credentials_cannot_get_another_session()
    {
        using var sts = SdkClients.Sts(emulator);
        var session = (await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;

        using var asSession = SdkClients.Sts(emulator, new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken));
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => asSession.GetSessionTokenAsync(new GetSessionTokenRequest()));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal("Cannot call GetSessionToken with session credentials", error.Message);
    }

    [Theory]
    [InlineData(899, "Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900")]
    [InlineData(3601, "Value '3601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600")]
    public async Task Root_sessions_last_from_fifteen_minutes_to_an_hour(int seconds, string message)
    {
        using var sts = SdkClients.Sts(emulator);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = seconds }));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.EndsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccessKeyInfo_names_the_account_of_any_key()
    {
        using var sts = SdkClients.Sts(emulator);
        var session = (await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;

        var own = await sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = session.AccessKeyId });
        var foreign = await sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = "ASIAY34FZKBOKMUTVV7A" });

        Assert.Equal("000000000000", own.Account);
        Assert.Equal("609629065308", foreign.Account);
    }
}
