namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>One invocation on its way through an execution environment: the event, and the outcome once known.</summary>
internal sealed class Invocation(string requestId, byte[] payload, string invokedFunctionArn)
{
    private readonly TaskCompletionSource<InvocationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;

    public byte[] Payload { get; } = payload;

    public string InvokedFunctionArn { get; } = invokedFunctionArn;

    public string? ClientContext { get; init; }

    /// <summary>Set when the runtime receives the event (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>): <c>Root=1-&lt;epoch hex&gt;-&lt;24 hex&gt;;Parent=…;Sampled=0</c>.</summary>
    public string TraceId { get; } = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Guid.NewGuid():N}"[..(7 + 8 + 1 + 24)] + $";Parent={Guid.NewGuid():N}"[..(8 + 16)] + ";Sampled=0";

    public Task<InvocationResult> Completion => _completion.Task;

    /// <summary>Completes the invocation; false when it had already completed (a second post for the same id).</summary>
    public bool TryComplete(InvocationResult result) => _completion.TrySetResult(result);
}

/// <summary>
/// What an invocation produced: the function's response, or a function error (<see cref="FunctionError"/> is
/// <c>Unhandled</c>) whose payload is the error document, with the error type for logs and async records.
/// </summary>
/// <param name="Payload">The response or error document.</param>
/// <param name="FunctionError">null on success, else <c>Unhandled</c>.</param>
/// <param name="ErrorType">The error type (<c>Runtime.ExitError</c>, <c>Sandbox.Timedout</c>, the runtime's own), or null.</param>
public sealed record InvocationResult(byte[] Payload, string? FunctionError, string? ErrorType)
{
    /// <summary>The base64 of the invocation's last 4 KB of log, for <c>LogType: Tail</c>.</summary>
    public string? LogTail { get; init; }

    public static InvocationResult Success(byte[] payload) => new(payload, null, null);

    /// <summary>An error raised by the platform, as Lambda words its documents: <c>{"errorType":…,"errorMessage":…}</c>.</summary>
    public static InvocationResult PlatformError(string errorType, string errorMessage) => new(
        System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["errorType"] = errorType, ["errorMessage"] = errorMessage }.ToJsonString()),
        "Unhandled",
        errorType);
}
