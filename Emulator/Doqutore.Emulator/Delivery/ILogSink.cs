namespace Doqutore.Emulator.Delivery;

/// <summary>
/// How other services write log lines to CloudWatch Logs (Lambda's function logs): appends to a group and
/// stream, creating both when missing, as the Lambda service does with <c>/aws/lambda/&lt;function&gt;</c>.
/// Whether the writer may do so (the function role's <c>logs:*</c> permissions) is the writer's check.
/// Implemented by CloudWatch Logs.
/// </summary>
public interface ILogSink
{
    /// <summary>Appends <paramref name="lines"/> to the stream; the group's retention still applies.</summary>
    void Append(string accountId, string region, string logGroupName, string logStreamName, IReadOnlyList<LogLine> lines);
}

/// <summary>One log line: when it happened (milliseconds are kept) and its text.</summary>
public readonly record struct LogLine(DateTimeOffset Timestamp, string Message);
