using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.Lambda.Runtime;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Registers Lambda: the store (under <c>{DataDirectory}/lambda/</c> when set), function policies as resource
/// policies, the execution environments, the asynchronous queue, the provider, and Lambda as the emulator's
/// <see cref="IFunctionInvoker"/>.
/// </summary>
public static class LambdaServices
{
    public static IServiceCollection AddLambda(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LambdaOptions>().Bind(configuration.GetSection(LambdaOptions.SectionName));
        services.AddSingleton(sp => new LambdaStore(sp.GetRequiredService<IOptions<EmulatorOptions>>().Value.DataDirectory));
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<LambdaStore>());
        services.AddSingleton<IResourcePolicySource, LambdaFunctionPolicies>();
        services.AddSingleton<ExecutionRole>();
        services.AddSingleton<FunctionRuntimes>();
        services.AddHostedService(sp => sp.GetRequiredService<FunctionRuntimes>());
        services.AddSingleton<AsyncDestinations>();
        services.AddSingleton<AsyncInvocations>();
        services.AddHostedService(sp => sp.GetRequiredService<AsyncInvocations>());
        services.AddSingleton<IFunctionInvoker, LambdaFunctionInvoker>();
        return services.AddProvider<LambdaProvider>();
    }

    /// <summary>Lambda's endpoints under <c>/_doqutore/</c>: the Runtime API of every execution environment and code downloads.</summary>
    public static IEndpointRouteBuilder MapLambdaEndpoints(this IEndpointRouteBuilder app) =>
        app.MapLambdaRuntimeApi().MapLambdaCodeDownloads();
}
