using System.Collections.Concurrent;
using Doqutore.Emulator.Recording;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>Keeps every record the recorder hands to CloudTrail, for tests to read (a test listener beside the real CloudTrail service).</summary>
public sealed class CapturingCloudTrailSink : ICloudTrailSink
{
    private readonly ConcurrentQueue<CloudTrailRecord> _records = new();

    public IReadOnlyCollection<CloudTrailRecord> Records => _records;

    public void Accept(CloudTrailRecord record) => _records.Enqueue(record);

    /// <summary>The record of the call with request id <paramref name="requestId"/> (the recorder runs before the response is written, so it is there once the call returned).</summary>
    public CloudTrailRecord Single(string requestId) => Assert.Single(_records, r => r.RequestId == requestId);

    /// <summary>The records of <paramref name="eventName"/> whose request parameters mention <paramref name="marker"/> (a test's unique name).</summary>
    public IReadOnlyList<CloudTrailRecord> Find(string eventName, string marker) =>
        _records.Where(r => r.EventName == eventName && r.Record.ToJsonString().Contains(marker, StringComparison.Ordinal)).ToArray();
}

/// <summary>
/// Checks every record an emulator of the test suite writes against AWS's record schema; the fixture fails its
/// cleanup when one did not validate, so no test can produce an invalid record unnoticed.
/// </summary>
public sealed class SchemaCheckingCloudTrailSink : ICloudTrailSink
{
    private readonly ConcurrentQueue<string> _violations = new();

    public int Checked { get; private set; }

    public IReadOnlyCollection<string> Violations => _violations;

    public void Accept(CloudTrailRecord record)
    {
        Checked++;
        try
        {
            foreach (var violation in CloudTrailRecordSchema.Violations(record.Record).Concat(CloudTrailRecordSchema.FormatViolations(record.Record)))
            {
                _violations.Enqueue($"{record.EventSource} {record.EventName}: {violation}");
            }
        }
        catch (Exception failure)
        {
            _violations.Enqueue($"{record.EventSource} {record.EventName}: the schema check failed: {failure}");
        }
    }
}
