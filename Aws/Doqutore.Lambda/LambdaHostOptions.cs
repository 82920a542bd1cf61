namespace Doqutore.Lambda;

/// <summary>Where the host reads its environment and writes its logs; the defaults are the process's own.</summary>
public sealed class LambdaHostOptions
{
    /// <summary>Reads environment variables (default: the process environment).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where log lines go (default: standard output, which Lambda sends to the log stream).</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>The client for the Runtime API; null makes one with an infinite timeout.</summary>
    public HttpClient? Http { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether SIGTERM stops the host gracefully (the running invocation is cancelled through its token and still
    /// answered, then the loop ends with exit code 0). Off only where the process must not trap signals.
    /// </summary>
    public bool HandleSigterm { get; init; } = true;

    /// <summary>Whether the host sets <c>_X_AMZN_TRACE_ID</c> per invocation, as AWS's runtimes do (the X-Ray SDK reads it).</summary>
    public bool SetTraceEnvironment { get; init; } = true;
}
