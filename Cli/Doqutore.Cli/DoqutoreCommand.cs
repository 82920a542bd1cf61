using System.CommandLine;
using Doqutore.Cli.Commands;

namespace Doqutore.Cli;

/// <summary>The root of the <c>doqutore</c> command line; each command lives in <c>Commands/</c>.</summary>
public static class DoqutoreCommand
{
    public static RootCommand Create() => new(
        "Doqutore: automated security incident response for serverless apps on AWS, with a local AWS emulator.")
    {
        EmulatorCommand.Create(),
    };
}
