using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>
/// The Echo sample (<c>Aws/Doqutore.Lambda.Samples/Echo</c>) published as AWS would run it: a self-contained,
/// single-file, trimmed ReadyToRun <c>bootstrap</c> for linux-x64 and its <c>function.zip</c>. Published once per
/// source state: the output is cached under the temp folder by a hash of every file that goes into it, so only the
/// first run after a change pays for <c>dotnet publish</c> (about 1–2 minutes on two shared cores).
/// </summary>
public static class DotnetRuntimeSample
{
    private static readonly Lazy<Task<Published>> Build = new(() => Task.Run(Publish));

    /// <summary>The published sample: the bootstrap executable and the deployment package.</summary>
    public sealed record Published(string Bootstrap, string FunctionZip, TimeSpan? PublishTime);

    public static Task<Published> GetAsync() => Build.Value;

    private static Published Publish()
    {
        var root = RepositoryRoot.Find();
        var project = Path.Combine(root, "Aws", "Doqutore.Lambda.Samples", "Echo", "Doqutore.Lambda.Samples.Echo.csproj");
        var cache = Path.Combine(Path.GetTempPath(), "doqutore-lambda-samples", "echo-" + SourceHash(root));
        var zip = Path.Combine(cache, "function.zip");
        var bootstrap = Path.Combine(cache, "bootstrap");
        if (File.Exists(zip) && File.Exists(bootstrap))
        {
            return new Published(bootstrap, zip, null);
        }

        // Publish beside the cache and move into place, so a parallel run never sees half a package.
        var staging = cache + "." + Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        var result = Dotnet(["publish", project, "-c", "Release", "-r", "linux-x64", "-o", staging, "--disable-build-servers", "-nologo", "-v:q"]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of the Echo sample failed ({result.ExitCode}):{Environment.NewLine}{result.Output}");
        }

        try
        {
            Directory.Move(staging, cache);
        }
        catch (IOException) when (File.Exists(zip))
        {
            Directory.Delete(staging, recursive: true);
        }

        return new Published(bootstrap, zip, clock.Elapsed);
    }

    private static (int ExitCode, string Output) Dotnet(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A publish started from inside `dotnet test` must not inherit the test run's MSBuild settings.
        foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG" })
        {
            info.Environment.Remove(variable);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish of the Echo sample did not finish in 10 minutes.");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>A hash of the runtime client's and the sample's sources and of the build settings that shape them.</summary>
    private static string SourceHash(string root)
    {
        var files = new[] { Path.Combine(root, "Aws", "Doqutore.Lambda"), Path.Combine(root, "Aws", "Doqutore.Lambda.Samples") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(root, f)))
            .Order(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
