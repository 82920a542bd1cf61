using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Registers EventBridge: its store, the router (also the <see cref="IServiceEventBus"/> AWS services put
/// their events on), the delivery queue and its background worker, the recent-events log and the provider.
/// </summary>
public static class EventsServices
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName));
        services.AddSingleton<EventsStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<EventsStore>());
        services.AddSingleton<EventLog>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<EventLog>());
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<TargetDispatcher>();
        services.AddSingleton<EventRouter>();
        services.AddSingleton<IServiceEventBus>(sp => sp.GetRequiredService<EventRouter>());
        services.AddHostedService<DeliveryWorker>();
        return services.AddProvider<EventsProvider>();
    }
}
