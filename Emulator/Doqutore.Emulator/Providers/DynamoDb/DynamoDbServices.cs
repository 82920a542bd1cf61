using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>Registers DynamoDB: its provider and its store (resettable).</summary>
public static class DynamoDbServices
{
    public static IServiceCollection AddDynamoDb(this IServiceCollection services)
    {
        services.AddSingleton<DynamoDbStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<DynamoDbStore>());
        return services.AddProvider<DynamoDbProvider>();
    }
}
