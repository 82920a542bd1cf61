using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Logs;

/// <summary>Log streams.</summary>
public sealed partial class LogsProvider
{
    public JsonObject CreateLogStream(RequestContext context, JsonObject input)
    {
        var groupName = LogsInput.GroupName(input);
        var name = LogsInput.StreamName(input);
        return With(context, state =>
        {
            var group = Group(state, groupName);
            if (group.Streams.ContainsKey(name))
            {
                throw LogsErrors.StreamExists();
            }

            group.Streams[name] = new LogStream(name, LogsStore.StreamArn(context.AccountId, context.Region, groupName, name), Now);
            return Empty();
        });
    }

    public JsonObject DeleteLogStream(RequestContext context, JsonObject input)
    {
        var groupName = LogsInput.GroupName(input);
        var name = LogsInput.StreamName(input);
        return With(context, state => Group(state, groupName).Streams.Remove(name) ? Empty() : throw LogsErrors.StreamNotFound());
    }

    public JsonObject DescribeLogStreams(RequestContext context, JsonObject input)
    {
        var groupName = LogsInput.GroupNameOrIdentifier(input);
        var prefix = LogsInput.Optional(input, "logStreamNamePrefix");
        var orderBy = LogsInput.Optional(input, "orderBy") ?? "LogStreamName";
        if (orderBy is not ("LogStreamName" or "LastEventTime"))
        {
            throw LogsErrors.Constraint(orderBy, "orderBy", "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }

        if (orderBy == "LastEventTime" && prefix is not null)
        {
            throw LogsErrors.InvalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var descending = LogsInput.Bool(input, "descending") ?? false;
        var limit = LogsInput.Int(input, "limit", 1, 50) ?? 50;
        var start = 0;
        if (LogsInput.ReadToken(input) is { } token && !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            throw LogsErrors.BadToken();
        }

        return With(context, state =>
        {
            IEnumerable<LogStream> streams = Group(state, groupName).Streams.Values
                .Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal));
            if (orderBy == "LastEventTime")
            {
                streams = streams.OrderBy(s => s.Events.Count == 0 ? 0 : s.Events[^1].Timestamp).ThenBy(s => s.Name, StringComparer.Ordinal);
            }

            var ordered = descending ? streams.Reverse().ToList() : streams.ToList();
            var page = ordered.Skip(start).Take(limit).ToList();
            var output = new JsonObject { ["logStreams"] = new JsonArray([.. page.Select(StreamJson)]) };
            if (start + limit < ordered.Count)
            {
                output["nextToken"] = LogsInput.Token((start + limit).ToString(CultureInfo.InvariantCulture));
            }

            return output;
        });
    }

    private static JsonObject StreamJson(LogStream stream)
    {
        var json = new JsonObject { ["logStreamName"] = stream.Name, ["creationTime"] = stream.CreationTime };
        if (stream.Events.Count > 0)
        {
            json["firstEventTimestamp"] = stream.Events[0].Timestamp;
            json["lastEventTimestamp"] = stream.Events[^1].Timestamp;
        }

        if (stream.LastIngestionTime is { } ingested)
        {
            json["lastIngestionTime"] = ingested;
        }

        json["uploadSequenceToken"] = SequenceToken(stream);
        json["arn"] = stream.Arn;
        json["storedBytes"] = 0; // Deprecated by AWS: always 0.
        return json;
    }

    /// <summary>AWS's sequence tokens are 56-digit numbers; ours count the stream's uploads.</summary>
    private static string SequenceToken(LogStream stream) => stream.UploadSequence.ToString("D56", CultureInfo.InvariantCulture);
}
