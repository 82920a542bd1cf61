using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Doqutore.Lambda;

/// <summary>
/// Runs a handler as a custom runtime (<c>bootstrap</c> of <c>provided.al2023</c>): initialize, then loop
/// <c>next</c> → handler → <c>response</c> or <c>error</c> until shutdown. Events and results are (de)serialized
/// only through source-generated <see cref="JsonTypeInfo{T}"/>, so functions publish trimmed or as Native AOT.
/// </summary>
/// <example>
/// <code>
/// return await LambdaHost.RunAsync&lt;SqsEvent, SqsBatchResponse&gt;(Handle, LambdaEventsJsonContext.Default.SqsEvent, MyJsonContext.Default.SqsBatchResponse);
/// </code>
/// </example>
public static class LambdaHost
{
    /// <summary>Exit code after a graceful shutdown.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code when init failed (reported through <c>/runtime/init/error</c>) or the Runtime API broke.</summary>
    public const int ExitFailure = 1;

    /// <summary>Serves <paramref name="handler"/> until the environment shuts down; returns the process exit code.</summary>
    public static Task<int> RunAsync<TEvent, TResult>(
        LambdaHandler<TEvent, TResult> handler,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType,
        LambdaHostOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync((_, _) => Task.FromResult(handler), eventType, resultType, options, cancellation);
    }

    /// <summary>
    /// Builds the handler with <paramref name="initialize"/> (clients, configuration: the init phase), reporting its
    /// exception through <c>/runtime/init/error</c> with exit code 1, then serves it until shutdown.
    /// </summary>
    public static async Task<int> RunAsync<TEvent, TResult>(
        Func<LambdaFunctionInfo, CancellationToken, Task<LambdaHandler<TEvent, TResult>>> initialize,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType,
        LambdaHostOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(resultType);
        options ??= new LambdaHostOptions();

        LambdaFunctionInfo function;
        try
        {
            function = LambdaFunctionInfo.FromEnvironment(options.Environment);
        }
        catch (InvalidOperationException e)
        {
            // Nothing to report to: without a Runtime API the only witness is standard error.
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitFailure;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var sigterm = options.HandleSigterm ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            shutdown.Cancel();
        }) : null;
        using var runtime = new RuntimeApiClient(function.RuntimeApi, options.Http);
        var logger = new JsonLineLogger(options.Output, options.Clock, options.Environment);
        var loop = new InvocationLoop<TEvent, TResult>(runtime, function, logger, options, eventType, resultType);

        LambdaHandler<TEvent, TResult> handler;
        try
        {
            handler = await initialize(function, shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !shutdown.IsCancellationRequested)
        {
            return await loop.ReportInitFailureAsync(e).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return ExitSuccess;
        }

        return await loop.RunAsync(handler, shutdown.Token).ConfigureAwait(false);
    }

    private sealed class InvocationLoop<TEvent, TResult>(
        RuntimeApiClient runtime,
        LambdaFunctionInfo function,
        JsonLineLogger logger,
        LambdaHostOptions options,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType)
    {
        public async Task<int> ReportInitFailureAsync(Exception failure)
        {
            logger.Log(LambdaLogLevel.Fatal, "Init failed", Fields(failure));
            try
            {
                await runtime.PostInitErrorAsync(RuntimeErrorBody.From(failure)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
            {
                logger.Log(LambdaLogLevel.Error, "Could not report the init error", Fields(e));
            }

            return ExitFailure;
        }

        public async Task<int> RunAsync(LambdaHandler<TEvent, TResult> handler, CancellationToken shutdown)
        {
            while (!shutdown.IsCancellationRequested)
            {
                RuntimeInvocation invocation;
                try
                {
                    invocation = await runtime.NextAsync(shutdown).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
                {
                    logger.Log(LambdaLogLevel.Fatal, "The Runtime API failed; exiting", Fields(e));
                    return ExitFailure;
                }

                if (!await ServeAsync(handler, invocation, shutdown).ConfigureAwait(false))
                {
                    return ExitFailure;
                }
            }

            return ExitSuccess;
        }

        /// <summary>Runs one invocation and posts its outcome; false when the Runtime API says the environment is broken.</summary>
        private async Task<bool> ServeAsync(LambdaHandler<TEvent, TResult> handler, RuntimeInvocation invocation, CancellationToken shutdown)
        {
            if (options.SetTraceEnvironment)
            {
                Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            if (invocation.Deadline != DateTimeOffset.MaxValue)
            {
                // Lambda's longest timeout is 15 minutes; the cap only keeps a nonsense header from throwing here.
                var remaining = invocation.Deadline - options.Clock.GetUtcNow();
                deadline.CancelAfter(remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : remaining);
            }

            var requestLogger = logger.ForRequest(invocation.AwsRequestId);
            var context = new LambdaContext(invocation, function, requestLogger, options.Clock, deadline.Token);
            byte[] result;
            try
            {
                var input = JsonSerializer.Deserialize(invocation.Event, eventType)!;
                var output = await handler(input, context).ConfigureAwait(false);
                result = JsonSerializer.SerializeToUtf8Bytes(output, resultType);
            }
            catch (Exception e)
            {
                requestLogger.Log(LambdaLogLevel.Error, "Invocation failed", Fields(e));
                return await PostAsync(() => runtime.PostErrorAsync(invocation.AwsRequestId, RuntimeErrorBody.From(e)), requestLogger).ConfigureAwait(false);
            }

            return await PostAsync(() => runtime.PostResponseAsync(invocation.AwsRequestId, result), requestLogger).ConfigureAwait(false);
        }

        // Outcomes are posted even during shutdown (no token): the caller is waiting for them.
        private static async Task<bool> PostAsync(Func<Task> post, JsonLineLogger requestLogger)
        {
            try
            {
                await post().ConfigureAwait(false);
                return true;
            }
            catch (RuntimeApiException e) when (!e.IsFatal)
            {
                // 400/413: Lambda refused this outcome (e.g. a response over 6 MB) and fails the invocation itself.
                requestLogger.Log(LambdaLogLevel.Error, "The Runtime API refused the outcome", Fields(e));
                return true;
            }
            catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
            {
                requestLogger.Log(LambdaLogLevel.Fatal, "The Runtime API failed; exiting", Fields(e));
                return false;
            }
        }

        private static Dictionary<string, object?> Fields(Exception e) => new()
        {
            ["errorType"] = e.GetType().Name,
            ["errorMessage"] = e.Message,
        };
    }
}
