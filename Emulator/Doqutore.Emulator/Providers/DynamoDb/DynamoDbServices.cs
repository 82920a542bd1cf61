using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.DynamoDb;

/// <summary>Registers DynamoDB and DynamoDB Streams: their providers and the store they share (resettable).</summary>
public static class DynamoDbServices
{
    public static IServiceCollection AddDynamoDb(this IServiceCollection services)
    {
        services.AddSingleton<DynamoDbStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<DynamoDbStore>());
        services.AddProvider<Streams.DynamoDbStreamsProvider>();
        return services.AddProvider<DynamoDbProvider>();
    }
}
