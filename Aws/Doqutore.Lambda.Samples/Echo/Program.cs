using Doqutore.Lambda;
using Doqutore.Lambda.Samples.Echo;

// Init: ECHO_FAIL_INIT makes initialization throw, to show /runtime/init/error.
return await LambdaHost.RunAsync(
    (function, _) => Environment.GetEnvironmentVariable("ECHO_FAIL_INIT") is { Length: > 0 } reason
        ? throw new InvalidOperationException($"Init refused: {reason}")
        : Task.FromResult<LambdaHandler<EchoRequest, EchoResult>>(EchoHandler.HandleAsync),
    EchoJsonContext.Default.EchoRequest,
    EchoJsonContext.Default.EchoResult);
