namespace Doqutore.Emulator.Recording;

/// <summary>
/// Where the recorder hands every record: CloudTrail keeps management events in the event history
/// (<c>LookupEvents</c>), gives each record to the trails logging when the call arrived whose selectors select
/// it, and puts what those trails take on the default event bus. Implemented by the CloudTrail service.
/// </summary>
public interface ICloudTrailSink
{
    void Accept(CloudTrailRecord record);
}
