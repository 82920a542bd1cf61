using System.Text.Json;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Lambda.Runtime;

namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>
/// Invoke: <c>RequestResponse</c> runs the function and answers its result (200, <c>X-Amz-Function-Error</c> on a
/// function error, <c>X-Amz-Log-Result</c> for <c>LogType: Tail</c>); <c>Event</c> queues it (202) for
/// <see cref="AsyncInvocations"/>; <c>DryRun</c> only checks (204). The request id is the invocation's.
/// </summary>
internal sealed partial class LambdaProvider
{
    /// <summary>Lambda's synchronous payload limit (6 MB).</summary>
    public const int MaxSyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Lambda's asynchronous payload limit (256 KB, reference §6.4, 2023).</summary>
    public const int MaxAsyncPayloadBytes = 256 * 1024;

    public async Task<OperationData> Invoke(RequestContext context, OperationData input)
    {
        var values = input.Values;
        var function = Resolve(context, values);
        var type = (string?)values["InvocationType"] ?? "RequestResponse";
        var payload = (string?)values["Payload"] is { Length: > 0 } encoded ? Convert.FromBase64String(encoded) : "{}"u8.ToArray();
        var limit = type == "Event" ? MaxAsyncPayloadBytes : MaxSyncPayloadBytes;
        if (payload.Length > limit)
        {
            throw LambdaErrors.RequestTooLarge(limit, "InvokeFunction");
        }

        CheckJson(payload);
        var config = function.Config;
        switch (type)
        {
            case "DryRun":
                return new OperationData(new() { ["StatusCode"] = 204 });
            case "Event":
                CheckRunnable(config);
                asyncInvocations.Enqueue(config, payload, context.RequestId);
                return new OperationData(new() { ["StatusCode"] = 202 });
            case "RequestResponse":
                break;
            default:
                throw LambdaErrors.Validation(type, "invocationType", "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }

        CheckRunnable(config);
        var invocation = new Invocation(context.RequestId, payload, config.Arn) { ClientContext = ClientContext((string?)values["ClientContext"]) };
        var result = await runtimes.InvokeAsync(function, invocation).ConfigureAwait(false)
            ?? throw LambdaErrors.TooManyRequests(function.ReservedConcurrency is null ? "ConcurrentInvocationLimitExceeded" : "ReservedFunctionConcurrentInvocationLimitExceeded");
        var output = new OperationData(new()
        {
            ["StatusCode"] = 200,
            ["ExecutedVersion"] = "$LATEST",
            ["Payload"] = Convert.ToBase64String(result.Payload),
        });
        if (result.FunctionError is { } error)
        {
            output.Values["FunctionError"] = error;
        }

        if ((string?)values["LogType"] == "Tail" && result.LogTail is { } tail)
        {
            output.Values["LogResult"] = tail;
        }

        return output;
    }

    /// <summary>
    /// <c>X-Amz-Client-Context</c> is base64 of a JSON document; the runtime receives the document itself
    /// (<c>Lambda-Runtime-Client-Context</c>), and AWS refuses a value that is not base64 JSON.
    /// </summary>
    private static string? ClientContext(string? header)
    {
        if (header is null)
        {
            return null;
        }

        try
        {
            var document = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header));
            using var parsed = JsonDocument.Parse(document);
            return document;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            // [guess] the wording.
            throw LambdaErrors.InvalidRequestContent("Client context must be a valid Base64-encoded JSON object.");
        }
    }

    /// <summary>The emulator runs OS-only runtimes; others are accepted by the control plane but cannot run.</summary>
    private static void CheckRunnable(FunctionConfig config)
    {
        if (!config.IsOsOnly)
        {
            throw LambdaErrors.InvalidRuntime(config.Runtime!);
        }
    }

    private static void CheckJson(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
        }
        catch (JsonException error)
        {
            // [guess] AWS quotes Jackson's parser message after this prefix.
            throw LambdaErrors.InvalidRequestContent("Could not parse request body into json: Could not parse payload into json: " + error.Message);
        }
    }
}
