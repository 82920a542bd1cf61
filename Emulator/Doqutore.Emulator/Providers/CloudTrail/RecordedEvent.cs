using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// A record with its JSON text, serialized once by the sink on the recording thread: everything that later reads
/// the record from other threads (LookupEvents, log files, the event bus) reads the text, never the shared JSON
/// tree (JSON nodes are not safe to read from several threads at once).
/// </summary>
public sealed record RecordedEvent(CloudTrailRecord Record, string Json);
