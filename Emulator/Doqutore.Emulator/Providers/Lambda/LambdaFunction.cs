using System.Globalization;
using System.Text.Json.Nodes;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// A function's configuration at one revision. Immutable: an update makes a new one with a new
/// <see cref="RevisionId"/>, and execution environments keep the one they were started with.
/// </summary>
internal sealed record FunctionConfig
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public string? Runtime { get; init; }

    public required string Role { get; init; }

    public string? Handler { get; init; }

    public string Description { get; init; } = string.Empty;

    public int Timeout { get; init; } = 3;

    public int MemorySize { get; init; } = 128;

    public int EphemeralStorage { get; init; } = 512;

    public string Architecture { get; init; } = "x86_64";

    public DateTimeOffset LastModified { get; init; }

    /// <summary>Base64 of the SHA-256 of the deployment package, as AWS shows it.</summary>
    public required string CodeSha256 { get; init; }

    public long CodeSize { get; init; }

    public required string RevisionId { get; init; }

    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public string? DeadLetterTargetArn { get; init; }

    public string TracingMode { get; init; } = "PassThrough";

    public string LogGroup => $"/aws/lambda/{Name}";

    /// <summary>The <c>LastUpdateStatus</c> the response of the operation that made this revision shows.</summary>
    public string? TransientStatus { get; init; }

    public bool IsOsOnly => Runtime is null || Runtime.StartsWith("provided", StringComparison.Ordinal);

    /// <summary>
    /// The <c>FunctionConfiguration</c> shape. The operation that creates or updates a function answers with its
    /// transient state (<c>Pending</c>/<c>Creating</c>, <c>InProgress</c>); reads see the settled state, because the
    /// emulator finishes the update before answering.
    /// </summary>
    public JsonObject ToJson(bool transient = false)
    {
        var json = new JsonObject
        {
            ["FunctionName"] = Name,
            ["FunctionArn"] = Arn,
        };
        if (Runtime is not null)
        {
            json["Runtime"] = Runtime;
        }

        json["Role"] = Role;
        if (Handler is not null)
        {
            json["Handler"] = Handler;
        }

        json["CodeSize"] = CodeSize;
        json["Description"] = Description;
        json["Timeout"] = Timeout;
        json["MemorySize"] = MemorySize;
        json["LastModified"] = LastModified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
        json["CodeSha256"] = CodeSha256;
        json["Version"] = "$LATEST";
        if (Variables.Count > 0)
        {
            var variables = new JsonObject();
            foreach (var (name, value) in Variables)
            {
                variables[name] = value;
            }

            json["Environment"] = new JsonObject { ["Variables"] = variables };
        }

        if (DeadLetterTargetArn is not null)
        {
            json["DeadLetterConfig"] = new JsonObject { ["TargetArn"] = DeadLetterTargetArn };
        }

        json["TracingConfig"] = new JsonObject { ["Mode"] = TracingMode };
        json["RevisionId"] = RevisionId;
        if (transient && TransientStatus == "Creating")
        {
            json["State"] = "Pending";
            json["StateReason"] = "The function is being created.";
            json["StateReasonCode"] = "Creating";
        }
        else
        {
            json["State"] = "Active";
        }

        if (transient && TransientStatus == "InProgress")
        {
            json["LastUpdateStatus"] = "InProgress";
            json["LastUpdateStatusReason"] = "The function is being created.";
            json["LastUpdateStatusReasonCode"] = "Creating";
        }
        else if (!(transient && TransientStatus == "Creating"))
        {
            json["LastUpdateStatus"] = "Successful";
        }

        json["PackageType"] = "Zip";
        json["Architectures"] = new JsonArray(Architecture);
        json["EphemeralStorage"] = new JsonObject { ["Size"] = EphemeralStorage };
        json["SnapStart"] = new JsonObject { ["ApplyOn"] = "None", ["OptimizationStatus"] = "Off" };
        json["LoggingConfig"] = new JsonObject { ["LogFormat"] = "Text", ["LogGroup"] = LogGroup };
        return json;
    }
}

/// <summary>The asynchronous invocation settings of <c>PutFunctionEventInvokeConfig</c>.</summary>
internal sealed record EventInvokeConfig(int? MaximumRetryAttempts, int? MaximumEventAgeInSeconds, string? OnSuccess, string? OnFailure, DateTimeOffset LastModified);

/// <summary>
/// A function: its current configuration, its code, resource policy, reserved concurrency, asynchronous
/// invocation settings and tags. Readers and writers take <see cref="Gate"/>.
/// </summary>
internal sealed class LambdaFunction(FunctionConfig config, byte[] code)
{
    public Lock Gate { get; } = new();

    public FunctionConfig Config { get; set; } = config;

    /// <summary>The deployment package (zip) of <see cref="Config"/>.</summary>
    public byte[] Code { get; set; } = code;

    /// <summary>The resource policy's statements (JSON objects), in the order added.</summary>
    public List<JsonObject> PolicyStatements { get; } = [];

    public string PolicyRevisionId { get; set; } = Guid.NewGuid().ToString();

    public int? ReservedConcurrency { get; set; }

    public EventInvokeConfig? EventInvokeConfig { get; set; }

    public SortedDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The resource policy document, or null when no statement exists.</summary>
    public string? PolicyDocument()
    {
        lock (Gate)
        {
            if (PolicyStatements.Count == 0)
            {
                return null;
            }

            return new JsonObject
            {
                ["Version"] = "2012-10-17",
                ["Id"] = "default",
                ["Statement"] = new JsonArray(PolicyStatements.Select(s => (JsonNode?)s.DeepClone()).ToArray()),
            }.ToJsonString();
        }
    }
}
