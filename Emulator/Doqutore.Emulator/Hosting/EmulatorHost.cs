using Doqutore.Emulator.Gateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Hosting;

/// <summary>Builds the emulator web application: Kestrel on loopback, internal endpoints, then the AWS gateway.</summary>
public static class EmulatorHost
{
    /// <summary>
    /// Creates the application; <paramref name="configure"/> overrides options after configuration, and
    /// <paramref name="services"/> adds services (tests add providers of their own).
    /// </summary>
    public static WebApplication Create(string[] args, Action<EmulatorOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Services.AddEmulator(builder.Configuration);
        services?.Invoke(builder.Services);
        if (configure is not null)
        {
            builder.Services.PostConfigure(configure);
        }

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            kestrel.AddServerHeader = false;

            // The gateway enforces its own body limit, and streams S3 objects of any size.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(System.Net.IPAddress.Parse(options.Host), options.Port);
        });

        var app = builder.Build();

        // AWS requests go straight to the gateway, before endpoint routing: only the emulator's own paths (all
        // under /_doqutore/, which no AWS request can use) pay for the route matcher. One of those that names no
        // endpoint still gets the gateway's AWS-shaped answer.
        var pipeline = app.Services.GetRequiredService<GatewayPipeline>();
        app.Use((http, next) => http.Request.Path.StartsWithSegments(InternalEndpoints.Prefix, StringComparison.Ordinal)
            ? next(http)
            : pipeline.HandleAsync(http));
        app.UseRouting();
        app.Use((http, next) => http.GetEndpoint() is null ? pipeline.HandleAsync(http) : next(http));
        app.MapInternalEndpoints();
        return app;
    }

    /// <summary>The base URL the started application listens on (<c>http://127.0.0.1:4566</c>).</summary>
    public static Uri BaseAddress(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
