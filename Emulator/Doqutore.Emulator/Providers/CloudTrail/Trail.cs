using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// One trail, as its home region keeps it (a multi-region trail is this one object; other regions show it as a
/// shadow trail). Mutated only under its account's lock (<see cref="CloudTrailAccount.Gate"/>).
/// </summary>
internal sealed class Trail(string accountId, string homeRegion, string name)
{
    /// <summary>How many logging intervals a trail remembers (older ones can no longer matter to a record in flight).</summary>
    private const int RememberedIntervals = 64;

    private readonly List<LoggingInterval> _intervals = [];

    // The selectors and since when (the arrival of the PutEventSelectors call) each version applied.
    private readonly List<(DateTimeOffset Since, TrailEventSelectors Selectors)> _selectorVersions = [(DateTimeOffset.MinValue, TrailEventSelectors.Default)];

    public string AccountId { get; } = accountId;

    public string HomeRegion { get; } = homeRegion;

    public string Name { get; } = name;

    public string Arn => TrailArns.Of(HomeRegion, AccountId, Name);

    public required string S3BucketName { get; set; }

    public string? S3KeyPrefix { get; set; }

    public string? SnsTopicName { get; set; }

    public string? SnsTopicArn { get; set; }

    public bool IncludeGlobalServiceEvents { get; set; } = true;

    public bool IsMultiRegionTrail { get; set; }

    public bool LogFileValidationEnabled { get; set; }

    public string? CloudWatchLogsLogGroupArn { get; set; }

    public string? CloudWatchLogsRoleArn { get; set; }

    public string? KmsKeyId { get; set; }

    public List<TrailTag> Tags { get; } = [];

    /// <summary>The selectors in force now.</summary>
    public TrailEventSelectors Selectors => _selectorVersions[^1].Selectors;

    public bool HasCustomEventSelectors { get; private set; }

    public DateTimeOffset? StartLoggingTime { get; private set; }

    public DateTimeOffset? StopLoggingTime { get; private set; }

    /// <summary>When the DeleteTrail call that removed the trail arrived; null while the trail exists.</summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsLogging => _intervals.Count > 0 && _intervals[^1].End is null;

    /// <summary>Records waiting for the next log file, and delivery facts GetTrailStatus reports.</summary>
    public TrailLogBuffer Log { get; } = new();

    /// <summary>
    /// Starts logging as of the StartLogging call that arrived at <paramref name="arrivedAt"/>. A call arriving at
    /// that very instant is not logged: it arrived before logging began. Idempotent on a logging trail [guess].
    /// </summary>
    public void StartLogging(DateTimeOffset arrivedAt, DateTimeOffset now)
    {
        if (IsLogging)
        {
            return;
        }

        _intervals.Add(new LoggingInterval(arrivedAt, null));
        if (_intervals.Count > RememberedIntervals)
        {
            _intervals.RemoveAt(0);
        }

        StartLoggingTime = now;
    }

    /// <summary>
    /// Stops logging as of the StopLogging (or DeleteTrail) call that arrived at <paramref name="arrivedAt"/>: that
    /// call itself is still logged, as AWS delivers the StopLogging record. Idempotent on a stopped trail [guess].
    /// </summary>
    public void StopLogging(DateTimeOffset arrivedAt, DateTimeOffset now)
    {
        if (!IsLogging)
        {
            return;
        }

        _intervals[^1] = _intervals[^1] with { End = arrivedAt };
        StopLoggingTime = now;
    }

    /// <summary>
    /// Replaces the selectors as of the PutEventSelectors call that arrived at <paramref name="arrivedAt"/>: calls that
    /// arrived before (that call included) are judged by the selectors they arrived under.
    /// </summary>
    public void SetSelectors(TrailEventSelectors selectors, DateTimeOffset arrivedAt)
    {
        _selectorVersions.Add((arrivedAt, selectors));
        if (_selectorVersions.Count > RememberedIntervals)
        {
            _selectorVersions.RemoveAt(0);
        }

        HasCustomEventSelectors = true;
    }

    /// <summary>The selectors in force when a call arriving at <paramref name="arrivedAt"/> arrived.</summary>
    public TrailEventSelectors SelectorsAt(DateTimeOffset arrivedAt)
    {
        for (var i = _selectorVersions.Count - 1; i > 0; i--)
        {
            if (_selectorVersions[i].Since < arrivedAt)
            {
                return _selectorVersions[i].Selectors;
            }
        }

        return _selectorVersions[0].Selectors;
    }

    /// <summary>Marks the trail deleted by the DeleteTrail call that arrived at <paramref name="arrivedAt"/>.</summary>
    public void Delete(DateTimeOffset arrivedAt, DateTimeOffset now)
    {
        StopLogging(arrivedAt, now);
        DeletedAt = arrivedAt;
    }

    /// <summary>Whether the trail was logging when a call arriving at <paramref name="arrivedAt"/> arrived.</summary>
    public bool WasLoggingAt(DateTimeOffset arrivedAt)
    {
        for (var i = _intervals.Count - 1; i >= 0; i--)
        {
            if (_intervals[i].Contains(arrivedAt))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the trail takes records of <paramref name="region"/> (its home region, or all for a multi-region trail).</summary>
    public bool Covers(string region) => IsMultiRegionTrail || string.Equals(region, HomeRegion, StringComparison.Ordinal);

    /// <summary>
    /// Whether the trail takes <paramref name="record"/>: logging and selectors as they were when the call arrived;
    /// region and global-event settings as they are now [gap: an UpdateTrail changing those is not versioned].
    /// </summary>
    public bool Takes(CloudTrailRecord record) =>
        string.Equals(record.AccountId, AccountId, StringComparison.Ordinal)
        && Covers(record.Region)
        && (IncludeGlobalServiceEvents || !GlobalServiceEvents.IsGlobal(record))
        && WasLoggingAt(record.ReceivedAt)
        && EventSelectorMatcher.Selects(SelectorsAt(record.ReceivedAt), record);

    /// <summary>
    /// A span of logging: the start is exclusive (the StartLogging call itself arrived before logging began), the
    /// end inclusive (the StopLogging or DeleteTrail call arrived while logging). Instants are the calls' arrival
    /// times, so the decision is exact, with no tolerance.
    /// </summary>
    private readonly record struct LoggingInterval(DateTimeOffset Start, DateTimeOffset? End)
    {
        public bool Contains(DateTimeOffset instant) => instant > Start && (End is null || instant <= End);
    }
}

/// <summary>A tag of a trail.</summary>
internal sealed record TrailTag(string Key, string? Value);
