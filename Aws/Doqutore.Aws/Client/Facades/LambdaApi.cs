using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using static Doqutore.Aws.Client.Facades.FacadeJson;

namespace Doqutore.Aws.Client.Facades;

/// <summary><see cref="ILambdaApi"/> over the spec-driven client for <c>lambda</c> (rest-json).</summary>
public sealed class LambdaApi(AwsClient client) : ILambdaApi
{
    public async Task<LambdaFunctionConfiguration> CreateFunctionAsync(LambdaCreateFunctionRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new JsonObject
        {
            ["FunctionName"] = request.FunctionName,
            ["Role"] = request.Role,
            ["Code"] = Code(request.Code),
        };
        Set(input, "Runtime", request.Runtime);
        Set(input, "Handler", request.Handler);
        Set(input, "Description", request.Description);
        Set(input, "Timeout", request.Timeout);
        Set(input, "MemorySize", request.MemorySize);
        Set(input, "Publish", request.Publish);
        SetEnvironment(input, request.Environment);
        SetDeadLetter(input, request.DeadLetterTargetArn);
        if (request.Architectures is { } architectures)
        {
            input["Architectures"] = Strings(architectures);
        }

        if (request.Tags is { } tags)
        {
            input["Tags"] = Map(tags);
        }

        return Configuration(await client.InvokeAsync("CreateFunction", input, cancellation).ConfigureAwait(false));
    }

    public async Task<LambdaFunctionConfiguration> UpdateFunctionCodeAsync(string functionName, LambdaFunctionCode code, bool publish = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var input = Code(code);
        input["FunctionName"] = functionName;
        if (publish)
        {
            input["Publish"] = true;
        }

        return Configuration(await client.InvokeAsync("UpdateFunctionCode", input, cancellation).ConfigureAwait(false));
    }

    public async Task<LambdaFunctionConfiguration> UpdateFunctionConfigurationAsync(LambdaUpdateFunctionConfigurationRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new JsonObject { ["FunctionName"] = request.FunctionName };
        Set(input, "Role", request.Role);
        Set(input, "Handler", request.Handler);
        Set(input, "Runtime", request.Runtime);
        Set(input, "Description", request.Description);
        Set(input, "Timeout", request.Timeout);
        Set(input, "MemorySize", request.MemorySize);
        Set(input, "RevisionId", request.RevisionId);
        SetEnvironment(input, request.Environment);
        SetDeadLetter(input, request.DeadLetterTargetArn);
        return Configuration(await client.InvokeAsync("UpdateFunctionConfiguration", input, cancellation).ConfigureAwait(false));
    }

    public async Task<LambdaFunctionDetails> GetFunctionAsync(string functionName, string? qualifier = null, CancellationToken cancellation = default)
    {
        var output = await client.InvokeAsync("GetFunction", Named(functionName, qualifier), cancellation).ConfigureAwait(false);
        return new LambdaFunctionDetails(Configuration(output["Configuration"] as JsonObject ?? []))
        {
            CodeLocation = (string?)output["Code"]?["Location"],
            CodeRepositoryType = (string?)output["Code"]?["RepositoryType"],
            Tags = StringMap(output["Tags"]),
            ReservedConcurrentExecutions = Int(output["Concurrency"]?["ReservedConcurrentExecutions"]),
        };
    }

    public async Task<IReadOnlyList<LambdaFunctionConfiguration>> ListFunctionsAsync(CancellationToken cancellation = default)
    {
        var functions = new List<LambdaFunctionConfiguration>();
        string? marker = null;
        do
        {
            var input = new JsonObject { ["MaxItems"] = 50 };
            Set(input, "Marker", marker);
            var output = await client.InvokeAsync("ListFunctions", input, cancellation).ConfigureAwait(false);
            functions.AddRange((output["Functions"] as JsonArray ?? []).OfType<JsonObject>().Select(Configuration));
            marker = (string?)output["NextMarker"];
        }
        while (marker is not null);

        return functions;
    }

    public Task DeleteFunctionAsync(string functionName, string? qualifier = null, CancellationToken cancellation = default) =>
        client.InvokeAsync("DeleteFunction", Named(functionName, qualifier), cancellation);

    public async Task<string> AddPermissionAsync(LambdaPermissionRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new JsonObject
        {
            ["FunctionName"] = request.FunctionName,
            ["StatementId"] = request.StatementId,
            ["Action"] = request.Action,
            ["Principal"] = request.Principal,
        };
        Set(input, "SourceArn", request.SourceArn);
        Set(input, "SourceAccount", request.SourceAccount);
        Set(input, "PrincipalOrgID", request.PrincipalOrgId);
        Set(input, "EventSourceToken", request.EventSourceToken);
        Set(input, "Qualifier", request.Qualifier);
        Set(input, "RevisionId", request.RevisionId);
        var output = await client.InvokeAsync("AddPermission", input, cancellation).ConfigureAwait(false);
        return (string?)output["Statement"] ?? string.Empty;
    }

    public Task RemovePermissionAsync(string functionName, string statementId, string? qualifier = null, CancellationToken cancellation = default)
    {
        var input = Named(functionName, qualifier);
        input["StatementId"] = statementId;
        return client.InvokeAsync("RemovePermission", input, cancellation);
    }

    public async Task<LambdaFunctionPolicy> GetPolicyAsync(string functionName, string? qualifier = null, CancellationToken cancellation = default)
    {
        var output = await client.InvokeAsync("GetPolicy", Named(functionName, qualifier), cancellation).ConfigureAwait(false);
        return new LambdaFunctionPolicy((string?)output["Policy"] ?? "{}", (string?)output["RevisionId"]);
    }

    public async Task<LambdaInvokeResult> InvokeAsync(LambdaInvokeRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Named(request.FunctionName, request.Qualifier);
        input["InvocationType"] = request.InvocationType.ToString();
        if (!request.Payload.IsEmpty)
        {
            input["Payload"] = Convert.ToBase64String(request.Payload.Span);
        }

        if (request.TailLog)
        {
            input["LogType"] = "Tail";
        }

        Set(input, "ClientContext", request.ClientContext);
        var output = await client.InvokeAsync("Invoke", input, cancellation).ConfigureAwait(false);
        return new LambdaInvokeResult(
            Int(output["StatusCode"]) ?? 200,
            (string?)output["Payload"] is { } payload ? Convert.FromBase64String(payload) : ReadOnlyMemory<byte>.Empty)
        {
            FunctionError = (string?)output["FunctionError"],
            LogResult = (string?)output["LogResult"] is { } log ? Encoding.UTF8.GetString(Convert.FromBase64String(log)) : null,
            ExecutedVersion = (string?)output["ExecutedVersion"],
        };
    }

    public async Task<int> PutFunctionConcurrencyAsync(string functionName, int reservedConcurrentExecutions, CancellationToken cancellation = default)
    {
        var input = new JsonObject { ["FunctionName"] = functionName, ["ReservedConcurrentExecutions"] = reservedConcurrentExecutions };
        var output = await client.InvokeAsync("PutFunctionConcurrency", input, cancellation).ConfigureAwait(false);
        return Int(output["ReservedConcurrentExecutions"]) ?? reservedConcurrentExecutions;
    }

    public async Task<LambdaEventInvokeConfig> PutFunctionEventInvokeConfigAsync(LambdaEventInvokeConfigRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = Named(request.FunctionName, request.Qualifier);
        Set(input, "MaximumRetryAttempts", request.MaximumRetryAttempts);
        Set(input, "MaximumEventAgeInSeconds", request.MaximumEventAgeInSeconds);
        if (request.OnSuccessDestination is not null || request.OnFailureDestination is not null)
        {
            var destinations = new JsonObject();
            if (request.OnSuccessDestination is { } success)
            {
                destinations["OnSuccess"] = new JsonObject { ["Destination"] = success };
            }

            if (request.OnFailureDestination is { } failure)
            {
                destinations["OnFailure"] = new JsonObject { ["Destination"] = failure };
            }

            input["DestinationConfig"] = destinations;
        }

        var output = await client.InvokeAsync("PutFunctionEventInvokeConfig", input, cancellation).ConfigureAwait(false);
        return new LambdaEventInvokeConfig((string?)output["FunctionArn"] ?? string.Empty)
        {
            LastModified = output["LastModified"] is { } modified ? Timestamps.Read(modified) : null,
            MaximumRetryAttempts = Int(output["MaximumRetryAttempts"]),
            MaximumEventAgeInSeconds = Int(output["MaximumEventAgeInSeconds"]),
            OnSuccessDestination = (string?)output["DestinationConfig"]?["OnSuccess"]?["Destination"],
            OnFailureDestination = (string?)output["DestinationConfig"]?["OnFailure"]?["Destination"],
        };
    }

    private static JsonObject Named(string functionName, string? qualifier)
    {
        var input = new JsonObject { ["FunctionName"] = functionName };
        Set(input, "Qualifier", qualifier);
        return input;
    }

    private static JsonObject Code(LambdaFunctionCode code)
    {
        var input = new JsonObject();
        if (code.ZipFile is { } zip)
        {
            input["ZipFile"] = Convert.ToBase64String(zip.Span);
        }

        Set(input, "S3Bucket", code.S3Bucket);
        Set(input, "S3Key", code.S3Key);
        Set(input, "S3ObjectVersion", code.S3ObjectVersion);
        return input;
    }

    private static void SetEnvironment(JsonObject input, IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is not null)
        {
            input["Environment"] = new JsonObject { ["Variables"] = Map(environment) };
        }
    }

    private static void SetDeadLetter(JsonObject input, string? targetArn)
    {
        if (targetArn is not null)
        {
            input["DeadLetterConfig"] = new JsonObject { ["TargetArn"] = targetArn };
        }
    }

    private static LambdaFunctionConfiguration Configuration(JsonObject c) => new((string?)c["FunctionName"] ?? string.Empty, (string?)c["FunctionArn"] ?? string.Empty)
    {
        Runtime = (string?)c["Runtime"],
        Role = (string?)c["Role"],
        Handler = (string?)c["Handler"],
        CodeSize = (long?)c["CodeSize"] ?? 0,
        CodeSha256 = (string?)c["CodeSha256"],
        Description = (string?)c["Description"],
        Timeout = Int(c["Timeout"]),
        MemorySize = Int(c["MemorySize"]),
        LastModified = (string?)c["LastModified"],
        Version = (string?)c["Version"],
        Environment = StringMap(c["Environment"]?["Variables"]),
        DeadLetterTargetArn = (string?)c["DeadLetterConfig"]?["TargetArn"],
        RevisionId = (string?)c["RevisionId"],
        State = (string?)c["State"],
        StateReason = (string?)c["StateReason"],
        StateReasonCode = (string?)c["StateReasonCode"],
        LastUpdateStatus = (string?)c["LastUpdateStatus"],
        PackageType = (string?)c["PackageType"],
        Architectures = List(c["Architectures"]),
    };

    // The tree holds integers as long (see OperationData).
    private static int? Int(JsonNode? node) => (int?)(long?)node;

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value))));

    private static Dictionary<string, string> StringMap(JsonNode? node) =>
        (node as JsonObject ?? []).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
}
