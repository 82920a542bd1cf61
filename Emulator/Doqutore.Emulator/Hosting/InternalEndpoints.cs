using System.Reflection;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Gateway;
using Doqutore.Emulator.Providers;
using Doqutore.Emulator.Providers.Events;
using Doqutore.Emulator.Providers.Lambda;
using Doqutore.Emulator.Providers.Sns;

namespace Doqutore.Emulator.Hosting;

/// <summary>
/// The emulator's own endpoints under <c>/_doqutore/</c>, a prefix no AWS API uses (S3 bucket names cannot
/// hold '_'), so they can never shadow an AWS request.
/// </summary>
public static class InternalEndpoints
{
    public const string Prefix = "/_doqutore";

    public static string Version { get; } =
        typeof(InternalEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static IEndpointRouteBuilder MapInternalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{Prefix}/health", (ServiceRouter router, ProviderRegistry providers) => Results.Text(Health(router, providers).ToJsonString(), "application/json"));
        app.MapPost($"{Prefix}/reset", (IEnumerable<IResettable> stores, GatewayDiagnostics diagnostics) =>
        {
            var count = 0;
            foreach (var store in stores)
            {
                store.Reset();
                count++;
            }

            diagnostics.Reset();
            return Results.Text(new JsonObject { ["reset"] = true, ["stores"] = count }.ToJsonString(), "application/json");
        });
        app.MapGet($"{Prefix}/diagnostics", (GatewayDiagnostics diagnostics) => Results.Text(
            new JsonObject
            {
                ["requests"] = diagnostics.Requests,
                ["unexpectedExceptions"] = diagnostics.UnexpectedExceptions,
                ["recent"] = new JsonArray(diagnostics.Recent.Select(r => (JsonNode?)r).ToArray()),
            }.ToJsonString(),
            "application/json"));
        app.MapGet($"{Prefix}/events", (EventLog events) => Results.Text(events.ToJson().ToJsonString(), "application/json"));

        // Mail services would have sent (SNS email subscriptions, …), oldest first; never logged.
        app.MapGet($"{Prefix}/outbox", (Outbox outbox) => Results.Text(
            new JsonArray(outbox.List().Select(m => (JsonNode?)m.ToJson()).ToArray()).ToJsonString(),
            "application/json"));
        app.MapDelete($"{Prefix}/outbox", (Outbox outbox) =>
        {
            outbox.Clear();
            return Results.NoContent();
        });
        app.MapSnsEndpoints();
        app.MapLambdaEndpoints();
        return app;
    }

    /// <summary>
    /// Every routable service: <c>running</c> where a provider serves it, <c>available</c> (routed, answering
    /// NotImplemented) otherwise. Built from model metadata only, so asking never parses a model.
    /// </summary>
    private static JsonObject Health(ServiceRouter router, ProviderRegistry providers)
    {
        var services = new JsonObject();
        foreach (var group in router.Models.GroupBy(m => m.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var table = providers.Find(group.Key);
            services[group.Key] = new JsonObject
            {
                ["status"] = table is null ? "available" : "running",
                ["apiVersion"] = group.First().Metadata.ApiVersion,
                ["protocols"] = new JsonArray(group.Select(m => (JsonNode?)m.Metadata.Protocol.ToString()).ToArray()),
                ["implemented"] = new JsonArray(table?.Operations.Order(StringComparer.Ordinal).Select(o => (JsonNode?)o).ToArray() ?? []),
            };
        }

        return new JsonObject
        {
            ["status"] = "running",
            ["edition"] = "doqutore",
            ["version"] = Version,
            ["services"] = services,
        };
    }
}
