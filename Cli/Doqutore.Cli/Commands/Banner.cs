using System.Text;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace Doqutore.Cli.Commands;

/// <summary>The one screen <c>doqutore emulator</c> prints: where it listens and how to point clients at it.</summary>
internal static class Banner
{
    public static string Render(Uri endpoint, EmulatorOptions options, IServiceProvider services)
    {
        var url = endpoint.ToString().TrimEnd('/');

        // The default secret is the public development value; a configured one is never printed.
        var secret = options.RootSecretAccessKey == "test" ? "test" : "<as configured>";
        var running = services.GetRequiredService<ProviderRegistry>().All.Select(t => t.Provider.ServiceId).Order(StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Doqutore emulator {InternalEndpoints.Version}: AWS on this machine");
        sb.AppendLine();
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Endpoint     {url}");
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Account      {options.AccountId}   region {options.DefaultRegion} (any region works)");
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Credentials  access key {options.RootAccessKeyId}, secret {secret} (the account root; development only)");
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Emulated     {string.Join(", ", running)}; other AWS services answer NotImplemented");
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Health       {url}/_doqutore/health");
        sb.AppendLine();
        sb.AppendLine("  Point the AWS CLI at it:");
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    export AWS_ACCESS_KEY_ID={options.RootAccessKeyId} AWS_SECRET_ACCESS_KEY={secret} AWS_DEFAULT_REGION={options.DefaultRegion}");
        sb.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    aws --endpoint-url {url} sts get-caller-identity");
        sb.AppendLine();
        sb.AppendLine("Press Ctrl+C to stop.");
        return sb.ToString();
    }
}
