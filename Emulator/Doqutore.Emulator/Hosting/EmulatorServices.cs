using Doqutore.Aws.Signing;
using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Gateway;
using Doqutore.Emulator.Providers;
using Doqutore.Emulator.Providers.CloudFormation;
using Doqutore.Emulator.Providers.CloudTrail;
using Doqutore.Emulator.Providers.CloudWatch;
using Doqutore.Emulator.Providers.DynamoDb;
using Doqutore.Emulator.Providers.Events;
using Doqutore.Emulator.Providers.Iam;
using Doqutore.Emulator.Providers.Lambda;
using Doqutore.Emulator.Providers.Logs;
using Doqutore.Emulator.Providers.S3;
using Doqutore.Emulator.Providers.Sns;
using Doqutore.Emulator.Providers.Sqs;
using Doqutore.Emulator.Providers.Sts;
using Doqutore.Emulator.Recording;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Doqutore.Emulator.Hosting;

/// <summary>The emulator's services: gateway steps, providers and their stores.</summary>
public static class EmulatorServices
{
    public static IServiceCollection AddEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayDiagnostics>();
        services.AddSingleton<ServiceRouter>();
        services.AddSingleton<ProviderRegistry>();
        services.AddSingleton<OperationDispatcher>();
        services.AddSingleton<GatewayPipeline>();
        services.AddSingleton<ICredentialSource, RootSigningKeys>();
        services.AddSingleton<ICredentialSource>(sp => sp.GetRequiredService<StsSessions>());
        services.AddSingleton<ISigningKeyStore, CredentialSources>();
        services.AddSingleton<IRequestAuthenticator, SigV4Authenticator>();
        services.AddSingleton(new PolicyCache());
        services.AddSingleton<IRequestAuthorizer, IamAuthorizer>();
        services.AddSingleton<IServicePrincipalAuthorizer, ServicePrincipalAuthorizer>();
        services.TryAddSingleton<IFunctionInvoker, NoFunctionInvoker>();
        services.TryAddSingleton<IQueueSender, NoQueueSender>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<Outbox>());

        services.AddSingleton<StsSessions>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<StsSessions>());
        services.AddProvider<StsProvider>();
        services.AddIam();
        services.AddSqs();
        services.AddS3();
        services.AddS3ObjectReader();
        services.AddSns();
        services.AddDynamoDb();
        services.AddEvents(configuration);
        services.AddLogs();
        services.AddCloudWatch();
        services.AddCloudTrailRecorder();
        services.AddCloudTrail(configuration);
        services.AddLambda(configuration);
        services.AddCloudFormation(configuration);
        return services;
    }

    /// <summary>Registers a provider; its stores register themselves as <see cref="IResettable"/> singletons.</summary>
    public static IServiceCollection AddProvider<TProvider>(this IServiceCollection services)
        where TProvider : AwsServiceProvider
    {
        services.AddSingleton<TProvider>();
        services.AddSingleton<AwsServiceProvider>(sp => sp.GetRequiredService<TProvider>());
        return services;
    }
}
