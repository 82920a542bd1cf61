namespace Doqutore.Lambda;

/// <summary>The context of one invocation: its headers, the function's settings, a logger and a deadline token.</summary>
internal sealed class LambdaContext(RuntimeInvocation invocation, LambdaFunctionInfo function, ILambdaLogger logger, TimeProvider clock, CancellationToken cancellation)
    : ILambdaContext
{
    public string AwsRequestId => invocation.AwsRequestId;

    public string InvokedFunctionArn => invocation.InvokedFunctionArn;

    public string FunctionName => function.FunctionName;

    public string FunctionVersion => function.FunctionVersion;

    public int MemoryLimitInMB => function.MemoryLimitInMB;

    public string LogGroupName => function.LogGroupName;

    public string LogStreamName => function.LogStreamName;

    public DateTimeOffset Deadline => invocation.Deadline;

    public TimeSpan RemainingTime
    {
        get
        {
            var left = invocation.Deadline - clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public string? TraceId => invocation.TraceId;

    public string? ClientContext => invocation.ClientContext;

    public string? CognitoIdentity => invocation.CognitoIdentity;

    public CancellationToken CancellationToken => cancellation;

    public ILambdaLogger Logger => logger;
}
