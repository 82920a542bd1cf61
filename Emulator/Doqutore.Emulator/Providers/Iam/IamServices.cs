using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Registers IAM: its provider, and its store as the resettable state and the identity lookup.</summary>
public static class IamServices
{
    public static IServiceCollection AddIam(this IServiceCollection services)
    {
        services.AddSingleton<IamStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<IamStore>());
        services.AddSingleton<IIamIdentityLookup>(sp => sp.GetRequiredService<IamStore>());
        services.AddSingleton<ICredentialSource, IamCredentialSource>();
        services.AddSingleton<IResourcePolicySource, RoleTrustPolicies>();
        return services.AddProvider<IamProvider>();
    }
}
