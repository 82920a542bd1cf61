using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// What happens to each record the recorder produces:
/// (1) a management event goes to the event history (LookupEvents), trails or not;
/// (2) it is given to the trails of its account that were logging when the call arrived
///     (<see cref="CloudTrailRecord.ReceivedAt"/>, decided exactly from the trails' logging intervals, deleted
///     trails included) and cover its region, global service events only to trails including them, and whose
///     selectors select it;
/// (3) if at least one trail took it, it goes once to the default event bus of its account and region as
///     "AWS API Call via CloudTrail", unless it is larger than 256 KB, read-only management events flagged so
///     that only opted-in rules receive them (GetSessionToken and GetFederationToken excepted, as the recorder
///     classifies them);
/// (4) each trail that took it queues it for its next log file (only when S3's <see cref="ITrailLogStore"/> is
///     registered: otherwise no file is ever written).
/// </summary>
public sealed class CloudTrailSink(CloudTrailStore store, EventHistory history, IServiceProvider services) : ICloudTrailSink
{
    public const string DetailType = "AWS API Call via CloudTrail";

    /// <summary>Events larger than this are not sent to EventBridge (§1.5).</summary>
    public const int MaxEventBytes = 256 * 1024;

    public void Accept(CloudTrailRecord record)
    {
        var management = record.Category == CloudTrailEventCategory.Management;
        var takers = store.With(record.AccountId, account =>
            account.Trails.Concat(account.Deleted).Where(t => t.Takes(record)).ToList());
        if (!management && takers.Count == 0)
        {
            return;
        }

        // Serialized once, here on the recording thread; later readers on other threads read the text.
        var recorded = new RecordedEvent(record, record.Record.ToJsonString());
        if (management)
        {
            history.Add(recorded);
        }

        if (takers.Count == 0)
        {
            return;
        }

        // Log files are written only through S3's log store; without one, nothing is queued for them.
        if (services.GetService(typeof(ITrailLogStore)) is not null)
        {
            foreach (var trail in takers)
            {
                trail.Log.Add(recorded);
            }
        }

        // Optional: EventBridge may not be registered; then nothing is put on a bus.
        if (services.GetService(typeof(IServiceEventBus)) is IServiceEventBus bus && Encoding.UTF8.GetByteCount(recorded.Json) <= MaxEventBytes)
        {
            bus.Put(ToServiceEvent(recorded));
        }
    }

    /// <summary>Management events always go to the event history; data events only to trails, so an account without any has no use for them.</summary>
    public bool MayKeep(string accountId, CloudTrailEventCategory category) =>
        category == CloudTrailEventCategory.Management || store.HasTrails(accountId);

    /// <summary>
    /// The event CloudTrail puts on the default bus for a record: its source and whether only opted-in rules get it
    /// are the recorder's classification (<see cref="CloudTrailRecord.EventBridgeSource"/>,
    /// <see cref="CloudTrailRecord.NeedsReadOnlyOptIn"/>).
    /// </summary>
    public static ServiceEvent ToServiceEvent(RecordedEvent recorded)
    {
        var record = recorded.Record;
        return new(record.AccountId, record.Region, SourceOf(record), DetailType, JsonNode.Parse(recorded.Json)!.AsObject(), record.EventTime)
        {
            IsReadOnlyManagementEvent = record.NeedsReadOnlyOptIn,
        };
    }

    private static string SourceOf(CloudTrailRecord record) =>
        record.EventBridgeSource is { Length: > 0 } source ? source : CloudTrailConventions.EventBridgeSource(record.EventSource);
}
