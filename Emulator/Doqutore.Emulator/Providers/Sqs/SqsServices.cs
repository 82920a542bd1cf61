using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Sqs;

/// <summary>Registers SQS: its provider, its store (resettable), queue policies as resource policies, and the queue sender.</summary>
public static class SqsServices
{
    public static IServiceCollection AddSqs(this IServiceCollection services)
    {
        services.AddSingleton<SqsStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<SqsStore>());
        services.AddSingleton<IResourcePolicySource, QueuePolicies>();
        services.AddSingleton<IQueueSender, SqsQueueSender>();
        return services.AddProvider<SqsProvider>();
    }
}
