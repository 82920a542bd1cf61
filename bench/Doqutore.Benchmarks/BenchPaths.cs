namespace Doqutore.Benchmarks;

/// <summary>Where the built artefacts are, found from this assembly's location in the repository.</summary>
public static class BenchPaths
{
    /// <summary>This assembly, to start it again in another mode (<c>dotnet Doqutore.Benchmarks.dll stub-server</c>).</summary>
    public static string SelfDll => typeof(BenchPaths).Assembly.Location;

    /// <summary>The repository root: the nearest directory up holding <c>Doqutore.sln</c>.</summary>
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Doqutore.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Doqutore.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The Release build of the CLI, or the path given with <c>--cli</c>.</summary>
    public static string CliDll(BenchArgs args)
    {
        var dll = args.Optional("cli") ?? Path.Combine(RepoRoot, "Cli", "Doqutore.Cli", "bin", "Release", "net10.0", "Doqutore.Cli.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"Build the CLI first: dotnet build Cli/Doqutore.Cli -c Release (looked for {dll}).");
    }
}
