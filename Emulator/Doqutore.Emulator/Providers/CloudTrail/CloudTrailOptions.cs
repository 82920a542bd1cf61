namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>Settings of the CloudTrail service, bound from <c>Emulator:CloudTrail</c>.</summary>
public sealed class CloudTrailOptions
{
    public const string SectionName = "Emulator:CloudTrail";

    /// <summary>How often trails write their log files; AWS publishes about every 5 minutes (§1.6).</summary>
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many management events the event history keeps per account and region (the newest).</summary>
    public int HistoryCapacity { get; set; } = EventHistory.DefaultCapacity;
}
