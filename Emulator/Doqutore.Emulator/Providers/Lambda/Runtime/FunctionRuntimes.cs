using System.Collections.Concurrent;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.Iam;
using Doqutore.Emulator.Providers.Sts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Providers.Lambda.Runtime;

/// <summary>
/// The execution environments of every function: picks a warm one or starts a new one (cold start) per invocation,
/// one invocation per process, up to the function's reserved concurrency or the account's unreserved share
/// (<see cref="LambdaOptions.AccountConcurrency"/>); reaps idle ones; stops them all when the emulator stops.
/// </summary>
internal sealed partial class FunctionRuntimes : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, ExecutionEnvironment> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Region, string Name), List<ExecutionEnvironment>> _idle = [];
    private readonly Dictionary<(string Account, string Region), Dictionary<string, int>> _running = [];
    private readonly Lock _gate = new();
    private readonly Lock _unpackGate = new();
    private readonly LambdaStore _store;
    private readonly StsSessions _sessions;
    private readonly IIamIdentityLookup _iam;
    private readonly ILogSink _logs;
    private readonly IServer _server;
    private readonly IOptions<LambdaOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<FunctionRuntimes> _logger;
    private readonly string _tasksDirectory;
    private readonly bool _temporaryTasks;
    private ITimer? _reaper;

    public FunctionRuntimes(
        LambdaStore store,
        StsSessions sessions,
        IIamIdentityLookup iam,
        ILogSink logs,
        IServer server,
        IOptions<LambdaOptions> options,
        IOptions<EmulatorOptions> emulator,
        TimeProvider clock,
        ILogger<FunctionRuntimes> logger)
    {
        _store = store;
        _sessions = sessions;
        _iam = iam;
        _logs = logs;
        _server = server;
        _options = options;
        _clock = clock;
        _logger = logger;
        var data = emulator.Value.DataDirectory;
        _temporaryTasks = string.IsNullOrEmpty(data);
        _tasksDirectory = _temporaryTasks
            ? Path.Combine(Path.GetTempPath(), "doqutore-lambda", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
            : Path.Combine(data!, "lambda-tasks");
        store.Removed += config => StopAll(e => Key(e.Config) == Key(config));
    }

    /// <summary>The emulator's loopback endpoint as functions reach it (<c>127.0.0.1:port</c>), known once Kestrel listens.</summary>
    public string HostAndPort
    {
        get
        {
            var address = _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:4566";
            return "127.0.0.1:" + new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public ExecutionEnvironment? Find(string sandboxId) => _byId.GetValueOrDefault(sandboxId);

    /// <summary>Runs one invocation of <paramref name="function"/>'s current configuration and code.</summary>
    /// <returns>The outcome, or null when the function is at its concurrency limit (throttled).</returns>
    public async Task<InvocationResult?> InvokeAsync(LambdaFunction function, Invocation invocation)
    {
        FunctionConfig config;
        byte[] code;
        int? reserved;
        lock (function.Gate)
        {
            (config, code, reserved) = (function.Config, function.Code, function.ReservedConcurrency);
        }

        if (!TryAcquire(config, reserved))
        {
            return null;
        }

        try
        {
            InvocationResult? startError = null;
            var environment = TakeIdle(config) ?? StartEnvironment(config, code, out startError);
            if (environment is null)
            {
                return startError!;
            }

            var result = await environment.RunAsync(invocation, _options.Value.InitTimeout).ConfigureAwait(false);
            Release(environment);
            return result;
        }
        finally
        {
            ReleaseSlot(config);
        }
    }

    /// <summary>How many invocations of the function may still start now (0 when throttled).</summary>
    private bool TryAcquire(FunctionConfig config, int? reserved)
    {
        lock (_gate)
        {
            var account = (config.AccountId, config.Region);
            if (!_running.TryGetValue(account, out var running))
            {
                _running[account] = running = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            var mine = running.GetValueOrDefault(config.Name);
            if (reserved is { } limit)
            {
                if (mine >= limit)
                {
                    return false;
                }
            }
            else
            {
                var functions = _store.List(config.AccountId, config.Region);
                var reservedTotal = functions.Sum(f => f.ReservedConcurrency ?? 0);
                var unreservedRunning = functions.Where(f => f.ReservedConcurrency is null).Sum(f => running.GetValueOrDefault(f.Config.Name));
                if (unreservedRunning >= _options.Value.AccountConcurrency - reservedTotal)
                {
                    return false;
                }
            }

            running[config.Name] = mine + 1;
            return true;
        }
    }

    private void ReleaseSlot(FunctionConfig config)
    {
        lock (_gate)
        {
            var running = _running[(config.AccountId, config.Region)];
            running[config.Name]--;
        }
    }

    private ExecutionEnvironment? TakeIdle(FunctionConfig config)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            if (!_idle.TryGetValue(Key(config), out var idle))
            {
                return null;
            }

            while (idle.Count > 0)
            {
                var environment = idle[^1];
                idle.RemoveAt(idle.Count - 1);
                if (!environment.IsEnded && environment.Config.RevisionId == config.RevisionId && environment.CredentialsExpire - now > CredentialMargin(config))
                {
                    return environment;
                }

                Retire(environment, "recycled");
            }

            return null;
        }
    }

    private void Release(ExecutionEnvironment environment)
    {
        if (environment.IsEnded)
        {
            _byId.TryRemove(environment.Id, out _);
            return;
        }

        lock (_gate)
        {
            if (!_idle.TryGetValue(Key(environment.Config), out var idle))
            {
                _idle[Key(environment.Config)] = idle = [];
            }

            idle.Add(environment);
        }
    }

    private ExecutionEnvironment? StartEnvironment(FunctionConfig config, byte[] code, out InvocationResult? error)
    {
        var taskRoot = Path.Combine(_tasksDirectory, Convert.ToHexString(Convert.FromBase64String(config.CodeSha256)).ToLowerInvariant());
        // Unpacking can take a while for a large package: it must not hold up other functions' bookkeeping.
        lock (_unpackGate)
        {
            DeploymentPackage.Unpack(code, taskRoot);
        }

        var lifetime = _options.Value.CredentialLifetime;
        var role = _iam.FindRole(config.AccountId, config.Role[(config.Role.LastIndexOf('/') + 1)..]);
        if (role is null || role.Arn != config.Role)
        {
            // [guess] AWS's words when the execution role has gone since the function was configured.
            error = InvocationResult.PlatformError("Runtime.Unknown", "The role defined for the function cannot be assumed by Lambda.");
            return null;
        }

        var sessionName = config.Name;
        var principal = new Principal(
            PrincipalType.AssumedRole,
            config.AccountId,
            $"arn:aws:sts::{config.AccountId}:assumed-role/{role.RoleName}/{sessionName}",
            $"{role.RoleId}:{sessionName}",
            null);
        var credentials = _sessions.Issue(principal, lifetime);
        var log = new FunctionLog(_logs, config, FunctionLog.NewStreamName(_clock.GetUtcNow()), _clock);
        var environment = new ExecutionEnvironment(config, taskRoot, log, credentials.Expiration);
        _byId[environment.Id] = environment;
        var variables = RuntimeEnvironment.For(config, environment, credentials, HostAndPort);
        error = environment.Start(variables);
        if (error is not null)
        {
            _byId.TryRemove(environment.Id, out _);
            return null;
        }

        return environment;
    }

    /// <summary>Shuts down idle environments unused for <see cref="LambdaOptions.IdleTimeout"/>.</summary>
    private void Reap()
    {
        var cutoff = DateTimeOffset.UtcNow - _options.Value.IdleTimeout;
        lock (_gate)
        {
            foreach (var idle in _idle.Values)
            {
                foreach (var environment in idle.Where(e => e.LastUsed < cutoff || e.IsEnded).ToList())
                {
                    idle.Remove(environment);
                    Retire(environment, "idle");
                }
            }
        }
    }

    private void Retire(ExecutionEnvironment environment, string reason)
    {
        environment.Stop(reason);
        _byId.TryRemove(environment.Id, out _);
    }

    private void StopAll(Func<ExecutionEnvironment, bool> which)
    {
        foreach (var environment in _byId.Values.Where(which).ToList())
        {
            Retire(environment, "stopped");
        }

        lock (_gate)
        {
            foreach (var idle in _idle.Values)
            {
                idle.RemoveAll(e => e.IsEnded);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _reaper = _clock.CreateTimer(_ => Reap(), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        StopAll(_ => true);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _reaper?.Dispose();
        StopAll(_ => true);
        if (_temporaryTasks && Directory.Exists(_tasksDirectory))
        {
            try
            {
                Directory.Delete(_tasksDirectory, recursive: true);
            }
            catch (IOException error)
            {
                LogCleanupFailed(_logger, _tasksDirectory, error.Message);
            }
        }
    }

    /// <summary>An environment takes an invocation only if its credentials outlive the invocation's longest run by a minute.</summary>
    private static TimeSpan CredentialMargin(FunctionConfig config) => TimeSpan.FromSeconds(config.Timeout) + TimeSpan.FromMinutes(1);

    private static (string, string, string) Key(FunctionConfig config) => (config.AccountId, config.Region, config.Name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the function task directory {Directory}: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, string directory, string reason);
}
