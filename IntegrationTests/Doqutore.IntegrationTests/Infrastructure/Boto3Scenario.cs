using System.Text.Json.Nodes;

namespace Doqutore.IntegrationTests.Infrastructure;

/// <summary>
/// A boto3 scenario: one Python process runs a test class's whole script once (starting Python per call would
/// dominate the time) and each test asserts one recorded outcome. Every script gets the same head — the endpoint
/// as <c>url</c>, a run id as <c>run</c>, <c>cfg</c> without retries, the <c>out</c> dict printed as JSON at
/// the end, and <c>err(f, **kw)</c>, which returns an AWS error's code, message and HTTP status (code None on
/// success) — so a script holds only its scenario.
/// </summary>
/// <param name="body">The scenario, in Python, written at column 0 of a raw string.</param>
public sealed class Boto3Scenario(string body)
{
    public const string Head = """
        import json, sys, time, datetime, threading, urllib.request, boto3, botocore.exceptions
        from botocore.config import Config
        url, run = sys.argv[1], sys.argv[2]
        cfg = Config(retries={"max_attempts": 1})
        out = {}

        def err(f, **kw):
            try:
                f(**kw)
                return {"code": None}
            except botocore.exceptions.ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                        "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}

        """;

    private const string Tail = "\nprint(json.dumps(out, default=str))\n";

    private readonly Lock _gate = new();
    private JsonObject? _outcome;

    /// <summary>
    /// The scenario's <c>out</c>, from its one run against <paramref name="emulator"/> (skips where boto3 is
    /// missing); <paramref name="prepare"/> runs once, just before it.
    /// </summary>
    public JsonObject Outcome(EmulatorFixture emulator, Action? prepare = null)
    {
        ExternalTool.RequireBoto3();
        lock (_gate)
        {
            if (_outcome is null)
            {
                prepare?.Invoke();
                _outcome = Run(emulator);
            }

            return _outcome;
        }
    }

    private JsonObject Run(EmulatorFixture emulator)
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var result = ExternalTool.Run(ExternalTool.Python, ["-c", Head + body + Tail, emulator.Url, run], TimeSpan.FromSeconds(180), ExternalTool.AwsEnvironment(emulator));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }
}
