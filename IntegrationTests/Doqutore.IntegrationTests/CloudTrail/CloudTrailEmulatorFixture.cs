using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>
/// An emulator of its own for a CloudTrail test class (trails count against a per-region limit of five, so classes
/// do not share one), with a way to hand the CloudTrail sink records as the recorder does.
/// </summary>
public sealed class CloudTrailEmulatorFixture : EmulatorFixture
{
    /// <summary>The CloudTrail service's own sink (other sinks, such as the schema check, listen beside it).</summary>
    public ICloudTrailSink Sink => Services.GetRequiredService<CloudTrailSink>();
}
