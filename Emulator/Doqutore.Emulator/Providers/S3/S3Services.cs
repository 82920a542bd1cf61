using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Providers.S3.Storage;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>
/// Registers S3: the blob store (on disk under <c>{DataDirectory}/s3/</c>, else in memory), the store (resettable),
/// bucket policies as resource policies, the provider, and S3 as CloudTrail's log store.
/// </summary>
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
        services.AddSingleton<IResourcePolicySource, BucketPolicies>();
        services.AddS3TrailLogStore();
        return services.AddProvider<S3Provider>();
    }

    /// <summary>
    /// Makes S3 CloudTrail's log store: CreateTrail and UpdateTrail then check the bucket and its policy
    /// (S3BucketDoesNotExistException, InsufficientS3BucketPolicyException), and trails write their log files into
    /// it every <c>Emulator:CloudTrail:DeliveryInterval</c>. Part of <see cref="AddS3"/>.
    /// </summary>
    public static IServiceCollection AddS3TrailLogStore(this IServiceCollection services) =>
        services.AddSingleton<ITrailLogStore, S3TrailLogStore>();
}
