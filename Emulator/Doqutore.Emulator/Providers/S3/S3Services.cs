using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.S3.Storage;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Registers S3: the blob store (on disk under <c>{DataDirectory}/s3/</c>, else in memory), the store (resettable) and the provider.</summary>
public static class S3Services
{
    public static IServiceCollection AddS3(this IServiceCollection services)
    {
        services.AddSingleton<IBlobStore>(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.DataDirectory;
            return string.IsNullOrEmpty(directory) ? new MemoryBlobStore() : new DiskBlobStore(Path.Combine(directory, "s3"));
        });
        services.AddSingleton<S3Store>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<S3Store>());
        return services.AddProvider<S3Provider>();
    }
}
