using System.Text.Json.Nodes;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's AWS CLI v2 pointed at an emulator, as the account root or as the holder of other credentials.
/// Callers check <see cref="ExternalTool.RequireAwsCli"/> first.
/// </summary>
public sealed class AwsCli(EmulatorFixture emulator, string? accessKeyId = null, string? secretAccessKey = null, string? sessionToken = null)
{
    /// <summary>The same CLI acting with other credentials.</summary>
    public AwsCli As(string accessKeyId, string secretAccessKey, string? sessionToken = null) => new(emulator, accessKeyId, secretAccessKey, sessionToken);

    public ExternalTool.Result Run(params string[] args)
    {
        var env = ExternalTool.AwsEnvironment(emulator);
        if (accessKeyId is not null)
        {
            env["AWS_ACCESS_KEY_ID"] = accessKeyId;
            env["AWS_SECRET_ACCESS_KEY"] = secretAccessKey!;
        }

        if (sessionToken is not null)
        {
            env["AWS_SESSION_TOKEN"] = sessionToken;
        }

        return ExternalTool.Run(ExternalTool.AwsCli, ["--endpoint-url", emulator.Url, .. args], TimeSpan.FromSeconds(60), env);
    }

    /// <summary>Runs a command that must succeed.</summary>
    public void Ok(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Stderr}");
    }

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public JsonNode Json(params string[] args)
    {
        var result = Run([.. args, "--output", "json"]);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Stderr}");
        return JsonNode.Parse(result.Stdout)!;
    }

    /// <summary>Runs a command that must fail with an AWS error and returns the CLI's error text.</summary>
    public string Error(params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == 254, $"aws {string.Join(' ', args)} exited {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stderr.Trim();
    }

    /// <summary>A unique entity name for a test (the emulator is shared by a collection).</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
