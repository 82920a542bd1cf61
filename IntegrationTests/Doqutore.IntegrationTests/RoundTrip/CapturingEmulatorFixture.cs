using Doqutore.Emulator.Hosting;
using Doqutore.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.IntegrationTests.RoundTrip;

/// <summary>An emulator whose SQS, DynamoDB, S3 and STS are the capturing test providers.</summary>
public sealed class CapturingEmulatorFixture : EmulatorFixture
{
    public T Provider<T>()
        where T : CapturingProvider => Services.GetRequiredService<T>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddProvider<CapturingSqs>();
        services.AddProvider<CapturingDynamoDb>();
        services.AddProvider<CapturingS3>();
        services.AddProvider<CapturingCloudTrail>();
    }
}
