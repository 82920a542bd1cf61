namespace Doqutore.Emulator.Providers.Events;

/// <summary>EventBridge settings, bound from <c>Emulator:Events</c> (environment <c>Emulator__Events__RetryBaseDelay</c>…).</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Emulator:Events";

    /// <summary>How many recent events <c>GET /_doqutore/events</c> keeps.</summary>
    public int RecentEvents { get; set; } = 1000;

    /// <summary>
    /// The first retry's delay; each later retry doubles it, up to <see cref="RetryMaxDelay"/>, with jitter.
    /// [guess] AWS publishes no figures for its backoff, only "exponential backoff and jitter".
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(3);
}
