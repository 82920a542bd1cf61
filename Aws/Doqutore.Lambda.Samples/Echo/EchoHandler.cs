using System.Text.Json;
using System.Text.Json.Serialization;
using Doqutore.Lambda;

namespace Doqutore.Lambda.Samples.Echo;

/// <summary>
/// The event's commands, each optional: <c>log</c> writes a line, <c>print</c> writes that many bytes to standard
/// output, <c>sleepMs</c> waits (ignoring the deadline, to show a timeout), <c>fail</c> throws, <c>exit</c> ends the
/// process without answering. Everything else is echoed back.
/// </summary>
public sealed record EchoRequest
{
    [JsonPropertyName("log")]
    public string? Log { get; init; }

    [JsonPropertyName("print")]
    public int? Print { get; init; }

    [JsonPropertyName("sleepMs")]
    public int? SleepMs { get; init; }

    [JsonPropertyName("fail")]
    public string? Fail { get; init; }

    [JsonPropertyName("exit")]
    public int? Exit { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

/// <summary>What the function saw: the event and its context (never the credentials, only whether they were there).</summary>
public sealed record EchoResult(
    [property: JsonPropertyName("echo")] Dictionary<string, JsonElement>? Echo,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("functionArn")] string FunctionArn,
    [property: JsonPropertyName("functionName")] string FunctionName,
    [property: JsonPropertyName("functionVersion")] string FunctionVersion,
    [property: JsonPropertyName("memoryLimitInMB")] int MemoryLimitInMB,
    [property: JsonPropertyName("logGroupName")] string LogGroupName,
    [property: JsonPropertyName("logStreamName")] string LogStreamName,
    [property: JsonPropertyName("remainingMs")] long RemainingMs,
    [property: JsonPropertyName("traceId")] string? TraceId,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("hasCredentials")] bool HasCredentials);

[JsonSerializable(typeof(EchoRequest))]
[JsonSerializable(typeof(EchoResult))]
internal sealed partial class EchoJsonContext : JsonSerializerContext;

internal static class EchoHandler
{
    public static async Task<EchoResult> HandleAsync(EchoRequest request, ILambdaContext context)
    {
        if (request.Log is { } line)
        {
            context.Logger.Info(line, new Dictionary<string, object?> { ["function"] = context.FunctionName });
        }

        if (request.Print is > 0 and var bytes)
        {
            await PrintAsync(bytes).ConfigureAwait(false);
        }

        if (request.SleepMs is > 0 and var sleep)
        {
            await Task.Delay(sleep, CancellationToken.None).ConfigureAwait(false);
        }

        if (request.Exit is { } code)
        {
            Environment.Exit(code);
        }

        if (request.Fail is { } message)
        {
            throw new InvalidOperationException(message);
        }

        return new EchoResult(
            request.Other,
            context.AwsRequestId,
            context.InvokedFunctionArn,
            context.FunctionName,
            context.FunctionVersion,
            context.MemoryLimitInMB,
            context.LogGroupName,
            context.LogStreamName,
            (long)context.RemainingTime.TotalMilliseconds,
            Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"),
            Environment.GetEnvironmentVariable("AWS_REGION"),
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")));
    }

    // Lines of 1 KiB, so a big print reaches the log as many events rather than one giant line.
    private static async Task PrintAsync(int bytes)
    {
        var line = new string('x', 1023);
        var stdout = Console.Out;
        for (var written = 0; written < bytes; written += 1024)
        {
            await stdout.WriteLineAsync(written + 1024 <= bytes ? line : line[..Math.Max(0, bytes - written - 1)]).ConfigureAwait(false);
        }

        await stdout.FlushAsync().ConfigureAwait(false);
    }
}
