using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Recording;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>
/// The emulator in-process on a free loopback port, shared by a test collection. Tests create their own
/// uniquely named resources, so sharing one emulator never couples them.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    private readonly SchemaCheckingCloudTrailSink _schemaCheck = new();
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public string Url => Endpoint.ToString().TrimEnd('/');

    public IServiceProvider Services => _app!.Services;

    public const string AccessKeyId = "test";
    public const string SecretAccessKey = "test";
    public const string AccountId = "000000000000";
    public const string Region = "us-east-1";

    /// <summary>Extra services for this emulator instance (test providers).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Extra configuration for this emulator instance, as <c>--Key=Value</c> arguments.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    /// <summary>Runs once the emulator listens: resources every test of the fixture needs.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _app = EmulatorHost.Create(
            ["--Logging:LogLevel:Default=Warning", .. Arguments],
            o => o.Port = 0,
            services =>
            {
                services.AddSingleton<ICloudTrailSink>(_schemaCheck);
                ConfigureServices(services);
            });
        await _app.StartAsync();
        Endpoint = _app.BaseAddress();
        await OnStartedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_schemaCheck.Violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"CloudTrail records that do not satisfy AWS's record schema:{Environment.NewLine}{string.Join(Environment.NewLine, _schemaCheck.Violations.Take(20))}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}
