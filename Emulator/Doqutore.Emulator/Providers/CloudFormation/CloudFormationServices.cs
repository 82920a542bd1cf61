using Doqutore.Emulator.Core;
using Doqutore.Emulator.Gateway;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.CloudFormation.Resources;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>Registers CloudFormation: the internal call seam, the resource types, the store, the background worker and the provider.</summary>
public static class CloudFormationServices
{
    public static IServiceCollection AddCloudFormation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CloudFormationOptions>().Bind(configuration.GetSection(CloudFormationOptions.SectionName));
        services.AddSingleton<InternalCalls>();
        services.AddSingleton<CloudFormationStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<CloudFormationStore>());
        services.AddSingleton<StackOperations>();
        services.AddSingleton<StackWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<StackWorker>());
        services.AddSingleton(new ResourceTypes(
        [
            new CdkMetadata(), new S3Bucket(), new S3BucketPolicy(), new IamRole(), new IamPolicy(), new IamManagedPolicy(),
            new EventsRule(), new SnsTopic(), new SnsSubscription(), new SnsTopicPolicy(), new SqsQueue(), new SqsQueuePolicy(),
            new DynamoDbTable(), new CloudTrailTrail(), new LogsLogGroup(), new LambdaFunction(), new LambdaPermission(),
        ]));
        return services.AddProvider<CloudFormationProvider>();
    }
}
