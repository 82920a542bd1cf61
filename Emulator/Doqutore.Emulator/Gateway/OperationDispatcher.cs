using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// The chain's dispatch and record steps, shared by requests from the wire (<see cref="GatewayPipeline"/>) and calls
/// made inside the emulator (<see cref="InternalCalls"/>): the provider answers, or the operation is not emulated
/// yet; then every <see cref="ICallRecorder"/> sees the finished call, and a failing recorder never fails the call.
/// </summary>
public sealed partial class OperationDispatcher(
    IServiceProvider services,
    IEnumerable<ICallRecorder> recorders,
    GatewayDiagnostics diagnostics,
    ILogger<OperationDispatcher> logger)
{
    private readonly ICallRecorder[] _recorders = recorders.ToArray();

    // Resolved on first use: the registry holds the providers, and a provider (CloudFormation) holds InternalCalls.
    private ProviderRegistry Providers => field ??= services.GetRequiredService<ProviderRegistry>();

    /// <summary>Runs the operation's provider method on the parsed input and keeps its output on the context.</summary>
    public async ValueTask<OperationData> DispatchAsync(RequestContext context)
    {
        var model = context.Service!;
        var operation = context.Operation!;
        var table = Providers.Find(model.Id);
        if (table is null || !table.TryGet(operation.Name, out var handler))
        {
            throw new AwsServiceException(
                "NotImplemented",
                $"The emulator does not implement {model.Metadata.SigningName}:{operation.Name} ({model.Metadata.ServiceFullName}) yet.",
                400);
        }

        context.Output = await handler(context, context.Input!).ConfigureAwait(false);
        return context.Output;
    }

    /// <summary>Gives the finished call (answer or error known) to every recorder.</summary>
    public void Record(RequestContext context)
    {
        foreach (var recorder in _recorders)
        {
            try
            {
                recorder.Record(context);
            }
            catch (Exception failure)
            {
                diagnostics.Unexpected($"recorder {recorder.GetType().Name}", failure);
                LogRecorderFailure(logger, failure, recorder.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call recorder {Recorder} failed")]
    private static partial void LogRecorderFailure(ILogger logger, Exception exception, string recorder);
}
