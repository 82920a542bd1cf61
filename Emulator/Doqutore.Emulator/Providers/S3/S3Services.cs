using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Providers.S3.Storage;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Registers S3: the blob store (on disk under <c>{DataDirectory}/s3/</c>, else in memory), the store (resettable), bucket policies as resource policies and the provider.</summary>
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
        return services.AddProvider<S3Provider>();
    }

    /// <summary>
    /// Makes S3 CloudTrail's log store: CreateTrail then checks the bucket and its policy, and log files are
    /// delivered. Not yet part of <see cref="AddS3"/>: the CloudTrail, event-flow and recording tests create trails
    /// on buckets that do not exist, and switch over together with this call (see the S3 helper's report).
    /// </summary>
    public static IServiceCollection AddS3TrailLogStore(this IServiceCollection services) =>
        services.AddSingleton<ITrailLogStore, S3TrailLogStore>();
}
