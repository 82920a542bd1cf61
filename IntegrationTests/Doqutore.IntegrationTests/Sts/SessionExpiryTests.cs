using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Doqutore.Aws.Signing;
using Doqutore.Aws.Wire;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Doqutore.IntegrationTests.Sts;

/// <summary>An emulator whose clock the test moves.</summary>
public sealed class ClockedEmulatorFixture : EmulatorFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>Expired session credentials are refused with the protocol's expired-token error.</summary>
public class SessionExpiryTests(ClockedEmulatorFixture emulator) : IClassFixture<ClockedEmulatorFixture>
{
    [Fact]
    public async Task Credentials_past_their_expiry_are_ExpiredToken()
    {
        using var sts = SdkClients.Sts(emulator);
        var session = (await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 })).Credentials;

        emulator.Clock.Advance(TimeSpan.FromMinutes(16));
        var request = new WireRequest
        {
            Host = emulator.Endpoint.Authority,
            Headers = { { "Content-Type", "application/x-www-form-urlencoded; charset=utf-8" } },
            Body = Encoding.UTF8.GetBytes("Action=GetCallerIdentity&Version=2011-06-15"),
        };
        var credentials = new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken);
        using (var signer = new RequestSigner(credentials, EmulatorFixture.Region, "sts", emulator.Clock.GetUtcNow().UtcDateTime))
        {
            await signer.SignAsync(request, CancellationToken.None);
        }

        var (status, body, _) = await RawHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("<Code>ExpiredToken</Code>", body, StringComparison.Ordinal);
    }
}
