namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// The records a trail took since its last log file, and the delivery facts GetTrailStatus reports. Thread-safe:
/// the sink appends from request threads, the delivery loop drains.
/// </summary>
internal sealed class TrailLogBuffer
{
    private readonly Lock _gate = new();
    private List<RecordedEvent> _pending = [];

    public DateTimeOffset? LatestDeliveryTime { get; private set; }

    public string? LatestDeliveryError { get; private set; }

    public DateTimeOffset? LatestDeliveryAttemptTime { get; private set; }

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
            LatestDeliveryError = null;
        }
    }

    public void Failed(DateTimeOffset when, string error)
    {
        lock (_gate)
        {
            LatestDeliveryAttemptTime = when;
            LatestDeliveryError = error;
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
