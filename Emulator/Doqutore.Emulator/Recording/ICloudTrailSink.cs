namespace Doqutore.Emulator.Recording;

/// <summary>
/// Where the recorder hands every record: CloudTrail keeps management events in the event history
/// (<c>LookupEvents</c>), gives each record to the trails logging when the call arrived whose selectors select
/// it, and puts what those trails take on the default event bus. Implemented by the CloudTrail service.
/// </summary>
public interface ICloudTrailSink
{
    void Accept(CloudTrailRecord record);

    /// <summary>
    /// Whether a record of <paramref name="category"/> in <paramref name="accountId"/> could be kept at all. When no
    /// sink may keep it the recorder does not build it (a data event in an account without trails goes nowhere).
    /// Answering true is always correct; false only when <see cref="Accept"/> would certainly discard the record.
    /// </summary>
    bool MayKeep(string accountId, CloudTrailEventCategory category) => true;
}
