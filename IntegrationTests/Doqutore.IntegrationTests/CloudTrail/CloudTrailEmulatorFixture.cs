using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.CloudTrail;

/// <summary>
/// An emulator of its own for a CloudTrail test class (trails count against a per-region limit of five, so classes
/// do not share one), with a way to hand the CloudTrail sink records as the recorder does, and the log bucket
/// <see cref="LogBucket"/> whose CloudTrail bucket policy admits every trail of the account, with or without a key prefix.
/// </summary>
public sealed class CloudTrailEmulatorFixture : EmulatorFixture
{
    /// <summary>The bucket the class's trails log to.</summary>
    public const string LogBucket = "audit-logs";

    /// <summary>The CloudTrail service's own sink (other sinks, such as the schema check, listen beside it).</summary>
    public ICloudTrailSink Sink => Services.GetRequiredService<CloudTrailSink>();

    protected override Task OnStartedAsync() => CloudTrailBuckets.CreateAsync(this, LogBucket, CloudTrailBuckets.AnyTrail, string.Empty, "*");
}
