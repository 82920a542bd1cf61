namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// The records a trail took since its last log file, the records of files that could not be written (kept for the
/// next attempt, never dropped), and the delivery facts GetTrailStatus reports. Thread-safe: the sink appends from
/// request threads, the delivery loop drains and puts back.
/// </summary>
internal sealed class TrailLogBuffer
{
    private readonly Lock _gate = new();
    private List<RecordedEvent> _pending = [];
    private int _failures;

    public DateTimeOffset? LatestDeliveryTime { get; private set; }

    public string? LatestDeliveryError { get; private set; }

    /// <summary>When CloudTrail last tried to write a log file, successfully or not.</summary>
    public DateTimeOffset? LatestDeliveryAttemptTime { get; private set; }

    /// <summary>When an attempt to write a log file last succeeded.</summary>
    public DateTimeOffset? LatestDeliveryAttemptSucceeded { get; private set; }

    /// <summary>While deliveries fail: the earliest time of the next attempt (backing off); null otherwise.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? LatestNotificationTime { get; private set; }

    public string? LatestNotificationError { get; private set; }

    public void Add(RecordedEvent record)
    {
        lock (_gate)
        {
            _pending.Add(record);
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Takes every pending record, leaving the buffer empty.</summary>
    public List<RecordedEvent> Drain()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = [];
            return taken;
        }
    }

    public void Delivered(DateTimeOffset when)
    {
        lock (_gate)
        {
            LatestDeliveryTime = when;
            LatestDeliveryAttemptTime = when;
            LatestDeliveryAttemptSucceeded = when;
            LatestDeliveryError = null;
            NextAttemptAt = null;
            _failures = 0;
        }
    }

    /// <summary>
    /// A write failed: the records not yet written go back before any that arrived since, and the next attempt waits
    /// <paramref name="firstBackoff"/>, doubled on every further failure up to <paramref name="maxBackoff"/>.
    /// </summary>
    public void Failed(DateTimeOffset when, string error, IReadOnlyCollection<RecordedEvent> unwritten, TimeSpan firstBackoff, TimeSpan maxBackoff)
    {
        lock (_gate)
        {
            _pending.InsertRange(0, unwritten);
            LatestDeliveryAttemptTime = when;
            LatestDeliveryError = error;
            _failures++;
            var backoff = firstBackoff * Math.Pow(2, Math.Min(_failures - 1, 30));
            NextAttemptAt = when + (backoff < maxBackoff ? backoff : maxBackoff);
        }
    }

    public void Notified(DateTimeOffset when)
    {
        lock (_gate)
        {
            LatestNotificationTime = when;
            LatestNotificationError = null;
        }
    }

    public void NotificationFailed(string error)
    {
        lock (_gate)
        {
            LatestNotificationError = error;
        }
    }
}
