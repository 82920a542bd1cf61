using Amazon.Runtime;
using Amazon.SecurityToken;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>
/// Official AWS SDK clients pointed at the emulator. Always ServiceURL plus AuthenticationRegion, never a
/// RegionEndpoint: a RegionEndpoint silently overrides ServiceURL and would send the call to real AWS.
/// </summary>
public static class SdkClients
{
    public static AWSCredentials Root => new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey);

    public static T Configure<T>(T config, EmulatorFixture emulator)
        where T : ClientConfig
    {
        config.ServiceURL = emulator.Url;
        config.AuthenticationRegion = EmulatorFixture.Region;
        config.MaxErrorRetry = 0;
        return config;
    }

    public static AmazonSecurityTokenServiceClient Sts(EmulatorFixture emulator, AWSCredentials? credentials = null) =>
        new(credentials ?? Root, Configure(new AmazonSecurityTokenServiceConfig(), emulator));
}
