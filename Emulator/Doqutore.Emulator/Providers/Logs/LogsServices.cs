using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>Registers CloudWatch Logs: its store, the <see cref="ILogSink"/> other services write through, and the provider.</summary>
public static class LogsServices
{
    public static IServiceCollection AddLogs(this IServiceCollection services)
    {
        services.AddSingleton<LogsStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<LogsStore>());
        services.AddSingleton<ILogSink, LogsSink>();
        return services.AddProvider<LogsProvider>();
    }
}
