namespace Doqutore.Lambda;

/// <summary>
/// One invocation as <c>GET /runtime/invocation/next</c> hands it over: the event body and the headers that
/// describe it (<c>Lambda-Runtime-Aws-Request-Id</c>, <c>-Deadline-Ms</c>, <c>-Invoked-Function-Arn</c>,
/// <c>-Trace-Id</c>, <c>-Client-Context</c>, <c>-Cognito-Identity</c>).
/// </summary>
public sealed record RuntimeInvocation(string AwsRequestId, DateTimeOffset Deadline, string InvokedFunctionArn, byte[] Event)
{
    /// <summary>The X-Ray trace header (<c>Root=…;Parent=…;Sampled=…</c>), or null.</summary>
    public string? TraceId { get; init; }

    /// <summary>The mobile SDK's client context as JSON text, or null.</summary>
    public string? ClientContext { get; init; }

    /// <summary>The mobile SDK's Cognito identity as JSON text, or null.</summary>
    public string? CognitoIdentity { get; init; }
}
