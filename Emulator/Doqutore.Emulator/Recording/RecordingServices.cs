using Doqutore.Emulator.Gateway;

namespace Doqutore.Emulator.Recording;

/// <summary>Registers the CloudTrail recorder as a gateway step.</summary>
public static class RecordingServices
{
    public static IServiceCollection AddCloudTrailRecorder(this IServiceCollection services)
    {
        services.AddSingleton<UserIdentity>();
        services.AddSingleton<CloudTrailRecordBuilder>();
        services.AddSingleton<ICallRecorder, CloudTrailRecorder>();
        return services;
    }
}
