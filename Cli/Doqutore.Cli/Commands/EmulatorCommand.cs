using System.CommandLine;
using Doqutore.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Doqutore.Cli.Commands;

/// <summary><c>doqutore emulator</c>: runs the standalone AWS emulator in the foreground until Ctrl+C.</summary>
public static class EmulatorCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on. Loopback by default; anything else exposes the emulator to the network.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port")
        {
            Description = "Port to listen on (0 picks a free one).",
            DefaultValueFactory = _ => 4566,
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the endpoint instead of the banner." };

        var command = new Command("emulator", "Run the AWS emulator (all embedded services on one endpoint) until Ctrl+C.")
        {
            host, port, quiet,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var app = EmulatorHost.Create(
                ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning"],
                o =>
                {
                    o.Host = parse.GetValue(host)!;
                    o.Port = parse.GetValue(port);
                });
            await app.StartAsync(cancellation).ConfigureAwait(false);
            var endpoint = app.BaseAddress();
            var options = app.Services.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            Console.Out.Write(parse.GetValue(quiet) ? endpoint + Environment.NewLine : Banner.Render(endpoint, options, app.Services));
            await Console.Out.FlushAsync(cancellation).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
