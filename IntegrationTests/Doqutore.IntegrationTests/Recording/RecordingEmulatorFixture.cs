using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>An emulator whose CloudTrail records tests can read as they are made.</summary>
public sealed class RecordingEmulatorFixture : EmulatorFixture
{
    public CapturingCloudTrailSink Trail { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ICloudTrailSink>(Trail);
}
