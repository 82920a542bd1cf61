using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;

namespace Doqutore.Emulator.Providers.Sns;

/// <summary>Registers SNS: provider, store, topic policies, the publisher (also as <see cref="ITopicPublisher"/>) and the delivery worker.</summary>
public static class SnsServices
{
    public static IServiceCollection AddSns(this IServiceCollection services)
    {
        services.AddSingleton<SnsStore>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<SnsStore>());
        services.AddSingleton<SnsDeliveryStats>();
        services.AddSingleton<IResettable>(sp => sp.GetRequiredService<SnsDeliveryStats>());
        services.AddSingleton<IResourcePolicySource, SnsTopicPolicies>();
        services.AddSingleton<SnsSigner>();
        services.AddSingleton<SnsMessages>();
        services.AddSingleton<SnsSubscriptionConfirmations>();
        services.AddSingleton<SnsDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SnsDeliveryWorker>());
        services.AddSingleton<SnsPublisher>();
        services.AddSingleton<ITopicPublisher>(sp => sp.GetRequiredService<SnsPublisher>());
        return services.AddProvider<SnsProvider>();
    }

    /// <summary>
    /// SNS's endpoints under <c>/_doqutore/sns/</c>: the signing certificate at the SigningCertURL messages
    /// carry, and the delivery counts.
    /// </summary>
    public static IEndpointRouteBuilder MapSnsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{InternalEndpoints.Prefix}/sns/{{file}}", (string file, SnsSigner signer) =>
            file == signer.CertificateFile ? Results.Text(signer.CertificatePem, "application/x-pem-file") : Results.NotFound());
        app.MapGet($"{InternalEndpoints.Prefix}/sns/deliveries", (SnsDeliveryStats stats) => Results.Text(stats.ToJson().ToJsonString(), "application/json"));
        return app;
    }
}
