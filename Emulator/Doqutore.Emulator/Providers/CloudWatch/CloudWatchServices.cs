using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.CloudWatch;

/// <summary>Registers CloudWatch metrics (the <c>monitoring</c> model, query and json): its store and the provider.</summary>
public static class CloudWatchServices
{
    public static IServiceCollection AddCloudWatch(this IServiceCollection services)
    {
        services.AddSingleton<CloudWatchStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<CloudWatchStore>());
        return services.AddProvider<CloudWatchProvider>();
    }
}
