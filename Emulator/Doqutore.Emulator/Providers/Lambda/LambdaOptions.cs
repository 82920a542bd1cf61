namespace Doqutore.Emulator.Providers.Lambda;

/// <summary>Lambda settings, bound from <c>Emulator:Lambda</c> (environment <c>Emulator__Lambda__AccountConcurrency</c>…).</summary>
public sealed class LambdaOptions
{
    public const string SectionName = "Emulator:Lambda";

    /// <summary>
    /// Concurrent executions of one account and region (AWS's default quota is 1,000; a laptop runs fewer
    /// processes): functions without reserved concurrency share it, reserved concurrency is carved out of it.
    /// </summary>
    public int AccountConcurrency { get; set; } = 10;

    /// <summary>How long an idle execution environment (a warm process) is kept before it is shut down.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The delay before the first retry of a failed asynchronous invocation; the second waits twice as long
    /// (AWS: 1 minute, then 2 minutes). On the emulator's clock, so tests can shorten it.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Lifetime of the execution role credentials a new environment receives. An environment is recycled (it takes
    /// no new invocation and is shut down) once its credentials would not outlive another invocation (the function's
    /// timeout plus a minute), as AWS recycles environments rather than renewing credentials inside a running process.
    /// </summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The init phase limit (AWS: 10 s); a runtime that has not asked for its first event by then is killed.</summary>
    public TimeSpan InitTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
