using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.IntegrationTests.Oracle;

/// <summary>
/// Runs <c>botocore_oracle.py</c> with Debian's Python (<c>/usr/bin/python3</c>, which has
/// <c>python3-botocore</c>; the pyenv <c>python3</c> first on PATH has not) against the aws-sdk model file a
/// <see cref="ServiceModel"/> was built from.
/// </summary>
internal static class BotocoreOracle
{
    public const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<string?> Unavailable = new(FindUnavailability);

    /// <summary>
    /// Samples per operation: 3, so that the whole oracle stays well under a minute. To search wider, set
    /// <c>DOQUTORE_ORACLE_SAMPLES</c> (more samples) and <c>DOQUTORE_ORACLE_SEED</c> (other values).
    /// </summary>
    public static string Samples => Environment.GetEnvironmentVariable("DOQUTORE_ORACLE_SAMPLES") is { Length: > 0 } samples ? samples : "3";

    /// <summary>The seed of the generated values; fixed, so that a failure repeats.</summary>
    public static string Seed => Environment.GetEnvironmentVariable("DOQUTORE_ORACLE_SEED") is { Length: > 0 } seed ? seed : "doqutore";

    /// <summary>
    /// Skips the test when Python or botocore is missing, except under CI (<c>CI=true</c>), which installs
    /// them: there their absence fails the test.
    /// </summary>
    public static void RequireAvailable()
    {
        var reason = Unavailable.Value;
        if (reason is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"The botocore oracle cannot run under CI: {reason}. Install python3-botocore (apt-get install -y python3-botocore).");
        }

        Skip.If(true, $"The botocore oracle is unavailable: {reason}.");
    }

    /// <summary>Runs one mode of the script and returns its JSON lines.</summary>
    public static IReadOnlyList<JsonObject> Run(ServiceModel model, string mode, string? inputFile = null)
    {
        var arguments = new List<string>
        {
            ScriptPath, mode,
            "--model", ModelFile(model),
            "--metadata", MetadataOverride(model),
            "--samples", Samples,
            "--seed", Seed,
        };
        if (inputFile is not null)
        {
            arguments.AddRange(["--input", inputFile]);
        }

        var (exitCode, stdout, stderr) = Execute(arguments);
        if (exitCode != 0)
        {
            Assert.Fail($"botocore_oracle.py {mode} for {model} exited with {exitCode}:\n{stderr}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToArray();
    }

    /// <summary>
    /// The model file: <c>node_modules/aws-sdk/apis/&lt;id&gt;-&lt;version&gt;.min.json</c>, or the query-era package's
    /// when only that one speaks the model's protocol (SQS over query). A variant that no file speaks
    /// (CloudWatch over json) gets its protocol from <see cref="MetadataOverride"/>.
    /// </summary>
    public static string ModelFile(ServiceModel model)
    {
        var name = $"{model.Id}-{model.Metadata.ApiVersion}.min.json";
        var candidates = new[] { "aws-sdk", "aws-sdk-query-era" }
            .Select(package => Path.Combine(RepositoryRoot, "node_modules", package, "apis", name))
            .Where(File.Exists)
            .ToArray();
        if (candidates.Length == 0)
        {
            Assert.Fail($"No aws-sdk model file {name} under {RepositoryRoot}/node_modules (the build runs npm ci).");
        }

        return candidates.FirstOrDefault(path => ProtocolOf(path) == model.Protocol.ToModelName()) ?? candidates[0];
    }

    /// <summary>The metadata botocore must use: our model's, so that variants (ServiceQuirks) are honoured.</summary>
    public static string MetadataOverride(ServiceModel model)
    {
        var metadata = new JsonObject { ["protocol"] = model.Protocol.ToModelName() };
        if (model.Metadata.JsonVersion is { } jsonVersion)
        {
            metadata["jsonVersion"] = jsonVersion;
        }

        if (model.Metadata.TargetPrefix is { } targetPrefix)
        {
            metadata["targetPrefix"] = targetPrefix;
        }

        return metadata.ToJsonString();
    }

    private static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Oracle", "botocore_oracle.py");

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "node_modules", "aws-sdk", "apis")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private static string? ProtocolOf(string modelFile)
    {
        using var stream = File.OpenRead(modelFile);
        return (string?)JsonNode.Parse(stream)?["metadata"]?["protocol"];
    }

    private static string? FindUnavailability()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing";
        }

        try
        {
            var (exitCode, _, stderr) = Execute(["-c", "import botocore.serialize, botocore.parsers"]);
            return exitCode == 0 ? null : $"{Python} cannot import botocore ({stderr.Trim()})";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{Python} cannot start ({e.Message})";
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Python} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, stdoutTask.GetAwaiter().GetResult(), stderrTask.GetAwaiter().GetResult());
    }
}
