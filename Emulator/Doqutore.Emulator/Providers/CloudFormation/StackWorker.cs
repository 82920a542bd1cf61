using System.Threading.Channels;
using Doqutore.Emulator.Gateway;

namespace Doqutore.Emulator.Providers.CloudFormation;

/// <summary>
/// Runs stack operations in the background, one at a time in the order they were asked for, as CloudFormation does
/// after answering CreateStack, UpdateStack or DeleteStack with the stack id. One operation at a time keeps two stacks
/// from racing for the same export or physical name; a failing operation never stops the worker.
/// </summary>
public sealed partial class StackWorker(GatewayDiagnostics diagnostics, ILogger<StackWorker> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Func<CancellationToken, Task> operation) => _queue.Writer.TryWrite(operation);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var operation in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await operation(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                diagnostics.Unexpected("cloudformation stack operation", e);
                LogFailure(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A stack operation failed unexpectedly")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
