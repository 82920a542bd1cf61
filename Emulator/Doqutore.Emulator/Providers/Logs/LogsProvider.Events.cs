using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Logs.FilterPatterns;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>
/// PutLogEvents, GetLogEvents and FilterLogEvents. PutLogEvents follows AWS's batch rules: 1–10,000 events,
/// at most 1,048,576 bytes (each message's UTF-8 bytes plus 26), a span of at most 24 hours, events in any
/// order (chronological order is no longer required; sequence tokens are ignored). Events more than 2 hours
/// in the future, more than 14 days old, or older than the group's retention are rejected and reported in
/// <c>rejectedLogEventsInfo</c>; the others are stored.
/// </summary>
public sealed partial class LogsProvider
{
    private const int MaxBatchEvents = 10_000;
    private const int MaxBatchBytes = 1_048_576;
    private const int EventOverheadBytes = 26;
    private const int MaxEventBytes = 262_144;
    private const long Hour = 3_600_000L;
    private const long Day = 24 * Hour;

    public JsonObject PutLogEvents(RequestContext context, JsonObject input)
    {
        var groupName = LogsInput.GroupName(input);
        var streamName = LogsInput.StreamName(input);
        var events = ReadBatch(input);
        var now = Now;
        return With(context, state =>
        {
            var group = Group(state, groupName);
            var stream = Stream(group, streamName);
            int? tooNewStart = null, tooOldEnd = null, expiredEnd = null;
            var retentionCutoff = group.RetentionInDays is { } days ? now - (days * Day) : long.MinValue;
            for (var i = 0; i < events.Count; i++)
            {
                var (timestamp, message) = events[i];
                if (timestamp > now + (2 * Hour))
                {
                    tooNewStart ??= i;
                }
                else if (timestamp < now - (14 * Day))
                {
                    tooOldEnd = i;
                }
                else if (timestamp < retentionCutoff)
                {
                    expiredEnd = i;
                }
                else
                {
                    stream.Add(new LogEvent(timestamp, message, now, state.NextSequence++));
                }
            }

            stream.LastIngestionTime = now;
            stream.UploadSequence++;
            var output = new JsonObject { ["nextSequenceToken"] = SequenceToken(stream) };
            if (tooNewStart is not null || tooOldEnd is not null || expiredEnd is not null)
            {
                var rejected = new JsonObject();
                if (tooNewStart is { } a)
                {
                    rejected["tooNewLogEventStartIndex"] = a;
                }

                if (tooOldEnd is { } b)
                {
                    rejected["tooOldLogEventEndIndex"] = b;
                }

                if (expiredEnd is { } c)
                {
                    rejected["expiredLogEventEndIndex"] = c;
                }

                output["rejectedLogEventsInfo"] = rejected;
            }

            return output;
        });
    }

    private static List<(long Timestamp, string Message)> ReadBatch(JsonObject input)
    {
        if (input["logEvents"] is not JsonArray array)
        {
            throw LogsErrors.Missing("logEvents");
        }

        if (array.Count < 1)
        {
            throw LogsErrors.Constraint("[]", "logEvents", "Member must have length greater than or equal to 1");
        }

        if (array.Count > MaxBatchEvents)
        {
            throw LogsErrors.Constraint("[...]", "logEvents", $"Member must have length less than or equal to {MaxBatchEvents}");
        }

        var events = new List<(long, string)>(array.Count);
        long bytes = 0, first = long.MaxValue, last = long.MinValue;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw LogsErrors.Missing($"logEvents.{i + 1}.member");
            }

            var timestamp = LogsInput.Long(item, "timestamp") ?? throw LogsErrors.Missing($"logEvents.{i + 1}.member.timestamp");
            var message = LogsInput.Optional(item, "message") ?? throw LogsErrors.Missing($"logEvents.{i + 1}.member.message");
            if (message.Length == 0)
            {
                throw LogsErrors.Constraint("", $"logEvents.{i + 1}.member.message", "Member must have length greater than or equal to 1");
            }

            var size = Encoding.UTF8.GetByteCount(message) + EventOverheadBytes;
            if (size > MaxEventBytes)
            {
                // [guess] AWS's wording.
                throw LogsErrors.InvalidParameter($"Log event too large: {size} bytes exceeds limit of {MaxEventBytes}");
            }

            bytes += size;
            first = Math.Min(first, timestamp);
            last = Math.Max(last, timestamp);
            events.Add((timestamp, message));
        }

        if (bytes > MaxBatchBytes)
        {
            // [guess] AWS's wording.
            throw LogsErrors.InvalidParameter($"Upload too large: {bytes} bytes exceeds limit of {MaxBatchBytes}");
        }

        if (last - first > Day)
        {
            throw LogsErrors.InvalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }

        return events;
    }

    /// <summary>
    /// A page of one stream's events within [startTime, endTime). Tokens are positions in that range:
    /// <c>f/N</c> reads forward from N, <c>b/N</c> backward from N; at the end of the stream the same
    /// forward token comes back, as AWS documents.
    /// </summary>
    public JsonObject GetLogEvents(RequestContext context, JsonObject input)
    {
        var groupName = LogsInput.GroupNameOrIdentifier(input);
        var streamName = LogsInput.StreamName(input);
        var startTime = LogsInput.Long(input, "startTime") ?? long.MinValue;
        var endTime = LogsInput.Long(input, "endTime") ?? long.MaxValue;
        var limit = LogsInput.Int(input, "limit", 1, 10_000) ?? 10_000;
        var fromHead = LogsInput.Bool(input, "startFromHead") ?? false;
        var token = LogsInput.Optional(input, "nextToken");
        return With(context, state =>
        {
            var events = Stream(Group(state, groupName), streamName).Events
                .Where(e => e.Timestamp >= startTime && e.Timestamp < endTime).ToList();
            int start, end;
            if (token is null)
            {
                (start, end) = fromHead ? (0, Math.Min(limit, events.Count)) : (Math.Max(0, events.Count - limit), events.Count);
            }
            else
            {
                var (forward, position) = ReadPositionToken(token);
                position = Math.Min(position, events.Count);
                (start, end) = forward ? (position, Math.Min(position + limit, events.Count)) : (Math.Max(0, position - limit), position);
            }

            return new JsonObject
            {
                ["events"] = new JsonArray([.. events.Skip(start).Take(end - start).Select(e => (JsonNode)new JsonObject
                {
                    ["timestamp"] = e.Timestamp,
                    ["message"] = e.Message,
                    ["ingestionTime"] = e.IngestionTime,
                })]),
                ["nextForwardToken"] = PositionToken('f', end),
                ["nextBackwardToken"] = PositionToken('b', start),
            };
        });
    }

    private static string PositionToken(char direction, int position) => $"{direction}/{position.ToString("D56", CultureInfo.InvariantCulture)}";

    private static (bool Forward, int Position) ReadPositionToken(string token)
    {
        if (token.Length > 2 && token[0] is 'f' or 'b' && token[1] == '/'
            && int.TryParse(token.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return (token[0] == 'f', position);
        }

        throw LogsErrors.BadToken();
    }

    /// <summary>
    /// Events of a group's streams (all, named, or by prefix) within [startTime, endTime) that match the
    /// filter pattern, interleaved in timestamp order. The token holds the position after the last event returned.
    /// </summary>
    public JsonObject FilterLogEvents(RequestContext context, JsonObject input)
    {
        var groupName = LogsInput.GroupNameOrIdentifier(input);
        var names = LogsInput.StringList(input, "logStreamNames");
        var prefix = LogsInput.Optional(input, "logStreamNamePrefix");
        if (names is not null && prefix is not null)
        {
            throw LogsErrors.InvalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }

        if (names is { Count: < 1 or > 100 })
        {
            throw LogsErrors.Constraint("[...]", "logStreamNames", names.Count < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 100");
        }

        var startTime = LogsInput.Long(input, "startTime") ?? long.MinValue;
        var endTime = LogsInput.Long(input, "endTime") ?? long.MaxValue;
        var patternText = LogsInput.Optional(input, "filterPattern");
        if (patternText is not null)
        {
            LogsInput.Length(patternText, "filterPattern", 0, FilterPattern.MaxLength);
        }

        var pattern = FilterPattern.Parse(patternText);
        var limit = LogsInput.Int(input, "limit", 1, 10_000) ?? 10_000;
        var after = ReadFilterToken(LogsInput.ReadToken(input));
        return With(context, state =>
        {
            var group = Group(state, groupName);
            var streams = group.Streams.Values
                .Where(s => names is null || names.Contains(s.Name))
                .Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal))
                .ToList();
            var matching = streams
                .SelectMany(s => s.Events.Where(e => e.Timestamp >= startTime && e.Timestamp < endTime).Select(e => (Stream: s.Name, Event: e)))
                .Where(x => after is null || (x.Event.Timestamp, x.Event.Sequence).CompareTo(after.Value) > 0)
                .OrderBy(x => x.Event.Timestamp).ThenBy(x => x.Event.Sequence)
                .Where(x => pattern.Matches(x.Event.Message))
                .Take(limit + 1)
                .ToList();
            var page = matching.Take(limit).ToList();
            var output = new JsonObject
            {
                ["events"] = new JsonArray([.. page.Select(x => (JsonNode)new JsonObject
                {
                    ["logStreamName"] = x.Stream,
                    ["timestamp"] = x.Event.Timestamp,
                    ["message"] = x.Event.Message,
                    ["ingestionTime"] = x.Event.IngestionTime,
                    ["eventId"] = EventId(x.Event),
                })]),
                ["searchedLogStreams"] = new JsonArray([.. streams.Select(s => (JsonNode)new JsonObject { ["logStreamName"] = s.Name, ["searchedCompletely"] = true })]),
            };
            if (matching.Count > limit)
            {
                var last = page[^1].Event;
                output["nextToken"] = LogsInput.Token(string.Create(CultureInfo.InvariantCulture, $"{last.Timestamp}:{last.Sequence}"));
            }

            return output;
        });
    }

    private static (long, long)? ReadFilterToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var parts = token.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (timestamp, sequence) : throw LogsErrors.BadToken();
    }

    /// <summary>AWS's event ids are 56-digit numbers; ours encode the timestamp and the ingestion sequence.</summary>
    private static string EventId(LogEvent logEvent) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, logEvent.Timestamp):D20}{logEvent.Sequence:D36}");
}
