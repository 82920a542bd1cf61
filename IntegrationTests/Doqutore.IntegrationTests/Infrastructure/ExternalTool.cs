using System.Diagnostics;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>
/// Real AWS clients nobody here wrote: Debian's AWS CLI v2 (<c>/usr/bin/aws</c>) and boto3/botocore for
/// Debian's <c>/usr/bin/python3</c>. Tests skip with the reason where they are absent, except in CI
/// (<c>CI=true</c>), which installs them: there absence fails the test.
/// </summary>
public static class ExternalTool
{
    public const string AwsCli = "/usr/bin/aws";
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<bool> BotoPresent = new(() =>
        File.Exists(Python) && Run(Python, ["-c", "import boto3, botocore"], TimeSpan.FromSeconds(60)).ExitCode == 0);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void RequireAwsCli() => Require(File.Exists(AwsCli), $"{AwsCli} (Debian package awscli) is not installed");

    public static void RequireBoto3() => Require(BotoPresent.Value, $"{Python} with boto3 and botocore (Debian packages python3-boto3, python3-botocore) is not installed");

    private static void Require(bool present, string reason)
    {
        if (!present && InCi)
        {
            throw new InvalidOperationException($"CI=true but {reason}: .ci/run must install it.");
        }

        Skip.IfNot(present, reason);
    }

    /// <summary>The outcome of a finished process.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in {timeout}.");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Environment for an AWS client pointed at the emulator, isolated from the user's own AWS config.</summary>
    public static Dictionary<string, string> AwsEnvironment(EmulatorFixture emulator) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = EmulatorFixture.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = EmulatorFixture.SecretAccessKey,
        ["AWS_DEFAULT_REGION"] = EmulatorFixture.Region,
        ["AWS_ENDPOINT_URL"] = emulator.Url,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_PAGER"] = string.Empty,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };
}
