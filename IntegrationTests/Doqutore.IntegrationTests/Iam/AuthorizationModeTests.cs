using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Hosting;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>An emulator with a chosen authorization mode.</summary>
public abstract class ModeEmulatorFixture(AuthorizationMode mode) : EmulatorFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.PostConfigure<EmulatorOptions>(o => o.Authorization = mode);
}

public sealed class AuditEmulatorFixture() : ModeEmulatorFixture(AuthorizationMode.Audit);

public sealed class EnforceEmulatorFixture() : ModeEmulatorFixture(AuthorizationMode.Enforce);

public sealed class OffEmulatorFixture() : ModeEmulatorFixture(AuthorizationMode.Off);

/// <summary>A user with no policy at all, in each authorization mode.</summary>
public abstract class AuthorizationModeTests(EmulatorFixture emulator)
{
    private AwsClient Iam(AWSCredentials credentials) => new("iam", new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = credentials,
        MaxErrorRetry = 0,
    });

    /// <summary>Lists users as a fresh user who has no policy.</summary>
    protected async Task<JsonObject> ListUsersAsPolicylessUser()
    {
        using var root = Iam(SdkClients.Root);
        var name = AwsCli.Unique("nobody");
        await root.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });
        var key = (await root.InvokeAsync("CreateAccessKey", new JsonObject { ["UserName"] = name }))["AccessKey"]!;
        using var user = Iam(new BasicAWSCredentials((string)key["AccessKeyId"]!, (string)key["SecretAccessKey"]!));
        return await user.InvokeAsync("ListUsers");
    }
}

public class AuditModeTests(AuditEmulatorFixture emulator) : AuthorizationModeTests(emulator), IClassFixture<AuditEmulatorFixture>
{
    [Fact]
    public async Task Audit_mode_lets_a_would_be_denial_through()
    {
        var users = await ListUsersAsPolicylessUser();

        Assert.NotEmpty(users["Users"]!.AsArray());
    }
}

public class EnforceModeTests(EnforceEmulatorFixture emulator) : AuthorizationModeTests(emulator), IClassFixture<EnforceEmulatorFixture>
{
    [Fact]
    public async Task Enforce_mode_refuses_it_with_the_query_protocols_AccessDenied()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(ListUsersAsPolicylessUser);

        Assert.Equal("AccessDenied", error.Code);
        Assert.Equal(403, error.StatusCode);
        Assert.EndsWith("because no identity-based policy allows the iam:ListUsers action", error.Message, StringComparison.Ordinal);
    }
}

public class OffModeTests(OffEmulatorFixture emulator) : AuthorizationModeTests(emulator), IClassFixture<OffEmulatorFixture>
{
    [Fact]
    public async Task Off_mode_authorizes_every_authenticated_caller()
    {
        var users = await ListUsersAsPolicylessUser();

        Assert.NotEmpty(users["Users"]!.AsArray());
    }
}
