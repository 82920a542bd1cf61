using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// One execution environment: a <c>bootstrap</c> process started with the function's environment, fed one invocation
/// at a time through the Runtime API (<see cref="RuntimeApi"/>). A crash or timeout ends it (AWS resets the
/// environment); idle ones are reaped by <see cref="FunctionRuntimes"/>.
/// </summary>
internal sealed class ExecutionEnvironment
{
    private readonly Channel<Invocation> _inbox = Channel.CreateBounded<Invocation>(1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _sinceStart = new();
    private Process? _process;
    private OutputPump[] _pumps = [];
    private TimeSpan? _initDuration;
    private bool _initReported;

    public ExecutionEnvironment(FunctionConfig config, string taskRoot, FunctionLog log, DateTimeOffset credentialsExpire)
    {
        Config = config;
        TaskRoot = taskRoot;
        Log = log;
        CredentialsExpire = credentialsExpire;
    }

    /// <summary>The sandbox id in the environment's Runtime API path.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..16];

    public FunctionConfig Config { get; }

    public string TaskRoot { get; }

    public FunctionLog Log { get; }

    public DateTimeOffset CredentialsExpire { get; }

    /// <summary>The invocation the runtime holds (received through <c>next</c>, not yet answered).</summary>
    public Invocation? Current { get; private set; }

    /// <summary>True once the runtime asked for its first event (init finished).</summary>
    public bool Initialized => _ready.Task.IsCompleted;

    /// <summary>Completes with the reason when the process is gone (exit status, timeout, init error).</summary>
    public Task<string> Ended => _ended.Task;

    public bool IsEnded => _ended.Task.IsCompleted;

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>Starts the bootstrap; null on success, else the error every invocation of this environment gets.</summary>
    public InvocationResult? Start(IReadOnlyDictionary<string, string> environment)
    {
        var bootstrap = Path.Combine(TaskRoot, "bootstrap");
        if (!File.Exists(bootstrap))
        {
            // [guess] AWS's text for a provided runtime without bootstrap, with the emulator's task root.
            return Fail("Runtime.InvalidEntrypoint", $"Couldn't find valid bootstrap(s): [{bootstrap} /opt/bootstrap]");
        }

        var info = AmazonLinuxShell.StartInfo(bootstrap);
        info.WorkingDirectory = TaskRoot;
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        _sinceStart.Start();
        try
        {
            _process = Process.Start(info)!;
        }
        catch (Win32Exception error)
        {
            return Fail("Runtime.InvalidEntrypoint", $"fork/exec {bootstrap}: {error.Message.ToLowerInvariant()}");
        }

        _process.StandardInput.Close();
        _pumps = [new OutputPump(_process.StandardOutput.BaseStream, Log.Write), new OutputPump(_process.StandardError.BaseStream, Log.Write)];
        _ = WatchExitAsync(_process);
        return null;
    }

    /// <summary>The runtime asked for an event: init is over; waits for the next invocation.</summary>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        if (_ready.TrySetResult())
        {
            _initDuration = _sinceStart.Elapsed;
        }

        Current = null;
        var invocation = await _inbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Current = invocation;
        invocation.HandOver(TimeSpan.FromSeconds(Config.Timeout));
        return invocation;
    }

    /// <summary>Answers the current invocation if <paramref name="requestId"/> names it; false otherwise (AWS's InvalidRequestID).</summary>
    public bool Answer(string requestId, InvocationResult result)
    {
        var current = Current;
        if (current is null || current.RequestId != requestId)
        {
            return false;
        }

        Current = null;
        return current.TryComplete(result);
    }

    /// <summary>The runtime reported an init error: the waiting invocation fails with it and the environment is reset.</summary>
    public bool InitFailed(InvocationResult result)
    {
        if (Initialized)
        {
            return false;
        }

        if (_inbox.Reader.TryRead(out var waiting))
        {
            waiting.TryComplete(result);
        }

        Stop("init error");
        return true;
    }

    /// <summary>Runs one invocation: hands it to the runtime and waits for its answer, the process's end or the timeout.</summary>
    public async Task<InvocationResult> RunAsync(Invocation invocation, TimeSpan initTimeout)
    {
        var started = Stopwatch.StartNew();
        var cold = !Initialized;
        Log.Start(invocation.RequestId);
        var timeout = TimeSpan.FromSeconds(Config.Timeout);
        if (!_inbox.Writer.TryWrite(invocation))
        {
            throw new InvalidOperationException("An execution environment runs one invocation at a time.");
        }

        using var timer = new CancellationTokenSource();
        var expiry = ExpiryAsync(invocation, cold ? initTimeout : timeout, timer.Token);
        var first = await Task.WhenAny(invocation.Completion, Ended, expiry).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        InvocationResult result;
        string? status = null;
        if (first == invocation.Completion)
        {
            result = await invocation.Completion.ConfigureAwait(false);
            status = result.FunctionError is null ? null : "error";
        }
        else if (first == expiry)
        {
            var seconds = timeout.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
            Stop("timeout");
            Log.Write($"{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {invocation.RequestId} Task timed out after {seconds} seconds");

            // [guess] AWS's timeout document since 2023 (the older one had only errorMessage with a timestamp prefix).
            result = InvocationResult.PlatformError("Sandbox.Timedout", $"RequestId: {invocation.RequestId} Error: Task timed out after {seconds} seconds");
            status = "timeout";
        }
        else
        {
            result = invocation.Completion.IsCompleted ? await invocation.Completion.ConfigureAwait(false) : EndedResult(invocation.RequestId, await Ended.ConfigureAwait(false));
            status = result.FunctionError is null ? null : "error";
        }

        invocation.TryComplete(result);
        await DrainOutputAsync().ConfigureAwait(false);
        if (result.ErrorType is "Runtime.ExitError")
        {
            Log.Write($"RequestId: {invocation.RequestId} Error: {ErrorMessageOf(result)}");
            Log.Write("Runtime.ExitError");
        }

        var init = !_initReported && _initDuration is { } measured ? measured : (TimeSpan?)null;
        _initReported |= init is not null;
        Log.End(invocation.RequestId, cold && _initDuration is { } i ? started.Elapsed - i : started.Elapsed, MaxMemory(), init, status);
        LastUsed = DateTimeOffset.UtcNow;
        return result with { LogTail = Log.Tail() };
    }

    /// <summary>
    /// Completes when the invocation has run out of time: a cold start first has the init limit to take the event,
    /// then the function's timeout runs from the hand-over, the deadline the runtime was given.
    /// </summary>
    private static async Task ExpiryAsync(Invocation invocation, TimeSpan handOverLimit, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(invocation.HandedOver, Task.Delay(handOverLimit, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first == invocation.HandedOver && invocation.Deadline - DateTimeOffset.UtcNow is { } left && left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the process (and its children); the environment is then ended.</summary>
    public void Stop(string reason)
    {
        _ended.TrySetResult(reason);
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private InvocationResult Fail(string errorType, string message)
    {
        _ended.TrySetResult(message);
        return InvocationResult.PlatformError(errorType, message);
    }

    private async Task WatchExitAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(_pumps.Select(p => p.Completion)).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _ended.TrySetResult(process.ExitCode == 0 ? "exit 0" : $"exit status {process.ExitCode}");
    }

    /// <summary>The error of an invocation whose environment ended before answering (reference §6.4; [guess] the exact texts).</summary>
    private static InvocationResult EndedResult(string requestId, string reason) => reason switch
    {
        "exit 0" => InvocationResult.PlatformError("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited without providing a reason"),
        _ when reason.StartsWith("exit status", StringComparison.Ordinal) => InvocationResult.PlatformError("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: {reason}"),
        _ when reason.StartsWith("signal", StringComparison.Ordinal) => InvocationResult.PlatformError("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: {reason}"),
        _ => InvocationResult.PlatformError("Runtime.Unknown", $"RequestId: {requestId} Error: {reason}"),
    };

    private static string ErrorMessageOf(InvocationResult result) =>
        System.Text.Json.Nodes.JsonNode.Parse(result.Payload)?["errorMessage"]?.GetValue<string>() is { } message && message.IndexOf("Error: ", StringComparison.Ordinal) is var at and >= 0
            ? message[(at + 7)..]
            : string.Empty;

    /// <summary>Lets the output pumps log what the process wrote before it answered, so END follows the function's lines.</summary>
    private async Task DrainOutputAsync()
    {
        for (var i = 0; i < 50 && _pumps.Any(p => p.Busy); i++)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private long MaxMemory()
    {
        try
        {
            return _process is { HasExited: false } process ? process.PeakWorkingSet64 : 0;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }
}
