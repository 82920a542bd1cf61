using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Recording;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// Registers CloudTrail: its provider, the trail store and event history (resettable), the sink the recorder
/// hands records to, and the log-file delivery loop. EventBridge (<see cref="Delivery.IServiceEventBus"/>) and the
/// S3 log store (<see cref="ITrailLogStore"/>) are optional: resolved when present.
/// </summary>
public static class CloudTrailServices
{
    public static IServiceCollection AddCloudTrail(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<CloudTrailOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(CloudTrailOptions.SectionName));
        }

        services.AddSingleton<CloudTrailStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<CloudTrailStore>());
        services.AddSingleton(sp => new EventHistory(sp.GetRequiredService<TimeProvider>())
        {
            Capacity = sp.GetRequiredService<IOptions<CloudTrailOptions>>().Value.HistoryCapacity,
        });
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<EventHistory>());
        services.AddSingleton<CloudTrailSink>();
        services.AddSingleton<ICloudTrailSink>(sp => sp.GetRequiredService<CloudTrailSink>());
        services.AddSingleton<TrailLogDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<TrailLogDelivery>());
        return services.AddProvider<CloudTrailProvider>();
    }
}
