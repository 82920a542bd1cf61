namespace Doqutore.Lambda;

/// <summary>What a handler knows of the invocation it serves and of its function.</summary>
public interface ILambdaContext
{
    /// <summary>The request id (<c>Lambda-Runtime-Aws-Request-Id</c>), also in the START/END/REPORT log lines.</summary>
    string AwsRequestId { get; }

    /// <summary>The ARN the caller invoked, with its qualifier when one was given.</summary>
    string InvokedFunctionArn { get; }

    string FunctionName { get; }

    string FunctionVersion { get; }

    int MemoryLimitInMB { get; }

    string LogGroupName { get; }

    string LogStreamName { get; }

    /// <summary>When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>The time left before <see cref="Deadline"/>, never negative.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The X-Ray trace header of the invocation (also in <c>_X_AMZN_TRACE_ID</c>), or null.</summary>
    string? TraceId { get; }

    /// <summary>The mobile SDK's client context (JSON text), or null.</summary>
    string? ClientContext { get; }

    /// <summary>The mobile SDK's Cognito identity (JSON text), or null.</summary>
    string? CognitoIdentity { get; }

    /// <summary>Cancelled at the deadline and when the environment shuts down (SIGTERM).</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>A logger whose lines carry this invocation's request id.</summary>
    ILambdaLogger Logger { get; }
}
