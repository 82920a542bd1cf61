using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>An emulator whose asynchronous retries wait 200 ms instead of AWS's minutes, and whose idle environments live 30 s.</summary>
public sealed class LambdaFixture : EmulatorFixture
{
    protected override IEnumerable<string> Arguments => ["--Emulator:Lambda:RetryBaseDelay=00:00:00.200", "--Emulator:Lambda:IdleTimeout=00:00:30"];
}

/// <summary>
/// Functions for the Lambda tests: shell bootstraps zipped as AWS's custom-runtime tutorial packages them, roles
/// Lambda may assume, and our spec-driven client for the calls.
/// </summary>
public sealed class LambdaHarness(EmulatorFixture emulator) : IDisposable
{
    public const string TrustLambda = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";

    /// <summary>
    /// AWS's custom runtime tutorial's bootstrap (runtimes-walkthrough.html), unchanged: <c>#!/bin/sh</c> with bash's
    /// <c>set -o pipefail</c> and <c>source</c>, which work because the emulator runs it with bash as Amazon Linux's
    /// <c>/bin/sh</c> would (Debian's is dash). The handler is a shell function the script sources from
    /// <c>$LAMBDA_TASK_ROOT/$(echo $_HANDLER | cut -d. -f1).sh</c>, as in the tutorial.
    /// </summary>
    public const string TutorialBootstrap = """
        #!/bin/sh
        set -euo pipefail

        # Initialization - load function handler
        source $LAMBDA_TASK_ROOT/"$(echo $_HANDLER | cut -d. -f1).sh"

        # Processing
        while true
        do
          HEADERS="$(mktemp)"
          # Get an event. The HTTP request will block until one is received
          EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")

          # Extract request ID by scraping response headers received above
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)

          # Run the handler function from the script
          RESPONSE=$($(echo "$_HANDLER" | cut -d. -f2) "$EVENT_DATA")

          # Send the response
          curl "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response"  -d "$RESPONSE"
        done
        """;

    /// <summary>The tutorial's handler: echoes the event to stderr and answers it.</summary>
    public const string EchoHandler = """
        function handler () {
          EVENT_DATA=$1
          echo "$EVENT_DATA" 1>&2;
          RESPONSE="Echoing request: '$EVENT_DATA'"

          echo $RESPONSE
        }
        """;

    private readonly List<IDisposable> _clients = [];

    public AwsClient Lambda => Client("lambda");

    public AwsClient Iam => Client("iam");

    public AwsClient Client(string service)
    {
        var client = new AwsClient(ServiceModels.Get(service), new AwsClientOptions
        {
            ServiceUrl = emulator.Endpoint,
            AuthenticationRegion = EmulatorFixture.Region,
            Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(60),
        });
        _clients.Add(client);
        return client;
    }

    public static string Unique(string prefix) => AwsCli.Unique(prefix);

    /// <summary>A zip of files (name → content); <c>bootstrap</c> and <c>*.sh</c> are executable.</summary>
    public static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = archive.CreateEntry(name);
                entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content.Replace("\r\n", "\n", StringComparison.Ordinal)));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The tutorial function: its bootstrap and <c>function.sh</c>.</summary>
    public static byte[] TutorialZip() => Zip(("bootstrap", TutorialBootstrap), ("function.sh", EchoHandler));

    /// <summary>A bootstrap that runs <paramref name="body"/> (bash, with the helpers <c>next</c>, <c>respond</c>, <c>fail</c>) for each event.</summary>
    public static byte[] ScriptZip(string body, string init = "") => Zip(("bootstrap", $$"""
        #!/bin/bash
        # Like the tutorial's, the script exits when the Runtime API is gone, so no runtime outlives its emulator.
        set -eo pipefail
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        next() { HEADERS="$(mktemp)"; EVENT=$(curl -sS -LD "$HEADERS" "$API/invocation/next"); ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2); }
        respond() { curl -sS "$API/invocation/$ID/response" -d "$1" > /dev/null; }
        fail() { curl -sS "$API/invocation/$ID/error" -H "Lambda-Runtime-Function-Error-Type: $1" -d "{\"errorMessage\":\"$2\",\"errorType\":\"$1\"}" > /dev/null; }
        {{init}}
        while true; do
          next
        {{body}}
        done
        """));

    /// <summary>A role Lambda may assume, with an optional inline policy.</summary>
    public async Task<string> Role(string? policy = null)
    {
        var name = Unique("fn-role");
        var role = await Iam.InvokeAsync("CreateRole", new JsonObject { ["RoleName"] = name, ["AssumeRolePolicyDocument"] = TrustLambda });
        if (policy is not null)
        {
            await Iam.InvokeAsync("PutRolePolicy", new JsonObject { ["RoleName"] = name, ["PolicyName"] = "inline", ["PolicyDocument"] = policy });
        }

        return (string)role["Role"]!["Arn"]!;
    }

    /// <summary>Creates a provided.al2023 function from <paramref name="zip"/> and returns its name.</summary>
    public async Task<string> Function(byte[] zip, string? role = null, int timeout = 10, JsonObject? extra = null)
    {
        var name = Unique("fn");
        var input = new JsonObject
        {
            ["FunctionName"] = name,
            ["Runtime"] = "provided.al2023",
            ["Handler"] = "function.handler",
            ["Role"] = role ?? await Role(),
            ["Timeout"] = timeout,
            ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) },
        };
        foreach (var (key, value) in extra ?? [])
        {
            input[key] = value?.DeepClone();
        }

        await Lambda.InvokeAsync("CreateFunction", input);
        return name;
    }

    /// <summary>Invokes synchronously; returns the output (Payload decoded to text under <c>Text</c>).</summary>
    public async Task<JsonObject> Invoke(string name, string payload = "{}", string? logType = null)
    {
        var input = new JsonObject { ["FunctionName"] = name, ["Payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)) };
        if (logType is not null)
        {
            input["LogType"] = logType;
        }

        var output = await Lambda.InvokeAsync("Invoke", input);
        output["Text"] = Encoding.UTF8.GetString(Convert.FromBase64String((string?)output["Payload"] ?? string.Empty));
        return output;
    }

    /// <summary>Every log message of the function's log group, oldest first.</summary>
    public async Task<List<string>> Logs(string name)
    {
        using var logs = Client("logs");
        var found = await logs.InvokeAsync("FilterLogEvents", new JsonObject { ["logGroupName"] = "/aws/lambda/" + name, ["limit"] = 10000 });
        return found["events"]!.AsArray().Select(e => (string)e!["message"]!).ToList();
    }

    /// <summary>Waits until the function's log satisfies <paramref name="done"/> (asynchronous invocations).</summary>
    public async Task<List<string>> LogsWhen(string name, Func<List<string>, bool> done, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            List<string> lines;
            try
            {
                lines = await Logs(name);
            }
            catch (Doqutore.Aws.Protocols.AwsServiceException error) when (error.Code == "ResourceNotFoundException")
            {
                lines = [];
            }

            if (done(lines) || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
