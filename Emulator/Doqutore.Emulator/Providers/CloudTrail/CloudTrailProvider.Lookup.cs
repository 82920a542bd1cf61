using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Recording;

namespace Doqutore.Emulator.Providers.CloudTrail;

/// <summary>
/// LookupEvents over the event history (§1.7): at most one lookup attribute, an inclusive time range, newest first,
/// 1-50 results a page (default 50), and a NextToken that carries the position and a digest of the parameters, so
/// a token reused with other parameters is InvalidNextTokenException. Insight events are never recorded, so
/// EventCategory=insight finds nothing.
/// </summary>
public sealed partial class CloudTrailProvider
{
    public const int MaxLookupResults = 50;
    public const int MaxAttributeValueLength = 2000;

    private static readonly string[] LookupKeys = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

    public JsonObject LookupEvents(RequestContext context, JsonObject input)
    {
        var query = LookupQuery.Read(input);
        var now = Now;
        var end = query.End ?? now;
        var start = query.Start ?? now - EventHistory.Retention;
        var afterPosition = query.NextToken is null ? null : LookupQuery.ReadToken(query.NextToken, query.Digest);

        var page = new List<HistoryEntry>(query.MaxResults + 1);
        if (query.Category is null)
        {
            foreach (var entry in history.NewestFirst(context.AccountId, context.Region))
            {
                var time = entry.Record.EventTime;
                if (time > end || (afterPosition is { } after && entry.CompareTo(after) >= 0))
                {
                    continue;
                }

                if (time < start)
                {
                    break;
                }

                if (query.Matches(entry.Record))
                {
                    page.Add(entry);
                    if (page.Count > query.MaxResults)
                    {
                        break;
                    }
                }
            }
        }

        var output = new JsonObject
        {
            ["Events"] = new JsonArray(page.Take(query.MaxResults).Select(e => (JsonNode?)EventJson(e)).ToArray()),
        };
        if (page.Count > query.MaxResults)
        {
            output["NextToken"] = LookupQuery.Token(page[query.MaxResults - 1], query.Digest);
        }

        return output;
    }

    /// <summary>An <c>Event</c> of LookupEvents: the record's facts, and the record itself as a JSON string.</summary>
    private static JsonObject EventJson(HistoryEntry entry)
    {
        var record = entry.Record;
        var output = new JsonObject
        {
            ["EventId"] = record.EventId,
            ["EventName"] = record.EventName,
            ["ReadOnly"] = record.ReadOnly ? "true" : "false",
        };
        if (record.AccessKeyId is { } key)
        {
            output["AccessKeyId"] = key;
        }

        output["EventTime"] = record.EventTime;
        output["EventSource"] = record.EventSource;
        if (record.Username is { } user)
        {
            output["Username"] = user;
        }

        output["Resources"] = new JsonArray(record.Resources.Select(r => (JsonNode?)new JsonObject
        {
            ["ResourceType"] = r.Type,
            ["ResourceName"] = r.Name,
        }).ToArray());
        output["CloudTrailEvent"] = entry.Json;
        return output;
    }

    /// <summary>A validated LookupEvents request.</summary>
    private sealed record LookupQuery(string? Key, string? Value, DateTimeOffset? Start, DateTimeOffset? End, string? Category, int MaxResults, string? NextToken)
    {
        /// <summary>A digest of the parameters a NextToken is bound to (MaxResults may change between pages).</summary>
        public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Key}\n{Value}\n{Start?.UtcTicks}\n{End?.UtcTicks}\n{Category}")))[..16];

        public static LookupQuery Read(JsonObject input)
        {
            var attributes = input["LookupAttributes"] as JsonArray ?? [];
            if (attributes.Count > 1)
            {
                // [guess] wording.
                throw CloudTrailErrors.InvalidLookupAttributes("You can specify at most one lookup attribute.");
            }

            string? key = null, value = null;
            if (attributes is [JsonObject attribute])
            {
                key = CloudTrailInput.Text(attribute, "AttributeKey") ?? string.Empty;
                value = CloudTrailInput.Text(attribute, "AttributeValue") ?? string.Empty;
                if (!LookupKeys.Contains(key, StringComparer.Ordinal))
                {
                    throw CloudTrailErrors.InvalidLookupAttributes(
                        $"Lookup attribute key {key} is not valid. Valid keys: {string.Join(", ", LookupKeys)}.");
                }

                if (value.Length == 0 || WeightedLength(value) > MaxAttributeValueLength)
                {
                    throw CloudTrailErrors.InvalidLookupAttributes(
                        $"Lookup attribute value must be between 1 and {MaxAttributeValueLength} characters long.");
                }
            }
            else if (attributes.Count == 1)
            {
                throw CloudTrailErrors.InvalidLookupAttributes("Lookup attribute is not valid.");
            }

            var start = CloudTrailInput.Time(input, "StartTime");
            var end = CloudTrailInput.Time(input, "EndTime");
            if (start is { } s && end is { } e && s > e)
            {
                throw CloudTrailErrors.InvalidTimeRange();
            }

            var category = CloudTrailInput.Text(input, "EventCategory");
            if (category is not null && category != "insight")
            {
                throw CloudTrailErrors.InvalidEventCategory(category);
            }

            var max = input["MaxResults"] is null ? MaxLookupResults : CloudTrailInput.Int(input, "MaxResults") ?? 0;
            if (max is < 1 or > MaxLookupResults)
            {
                throw CloudTrailErrors.InvalidMaxResults();
            }

            return new LookupQuery(key, value, start, end, category, max, CloudTrailInput.Text(input, "NextToken"));
        }

        /// <summary>The attribute value's length as AWS counts it: '_', space, ',' and newline count double.</summary>
        private static int WeightedLength(string value) => value.Length + value.Count(c => c is '_' or ' ' or ',' or '\n');

        public bool Matches(CloudTrailRecord record) => Key switch
        {
            null => true,
            "EventId" => record.EventId == Value,
            "EventName" => record.EventName == Value,
            "ReadOnly" => (record.ReadOnly ? "true" : "false") == Value,
            "Username" => record.Username == Value,
            "ResourceType" => record.Resources.Any(r => r.Type == Value),
            "ResourceName" => record.Resources.Any(r => r.Name == Value || r.Arn == Value),
            "EventSource" => record.EventSource == Value,
            "AccessKeyId" => record.AccessKeyId == Value,
            _ => false,
        };

        public static string Token(HistoryEntry last, string digest) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{digest}|{last.Record.EventTime.UtcTicks}|{last.Sequence}"));

        /// <summary>The position a token continues after; InvalidNextTokenException if it is malformed or was issued for other parameters.</summary>
        public static HistoryEntry ReadToken(string token, string digest)
        {
            string[] parts;
            try
            {
                parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            }
            catch (FormatException)
            {
                throw CloudTrailErrors.InvalidNextToken();
            }

            if (parts is not [var d, var ticksText, var sequenceText] || d != digest
                || !long.TryParse(ticksText, out var ticks) || !long.TryParse(sequenceText, out var sequence)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw CloudTrailErrors.InvalidNextToken();
            }

            // A position only: the record stands in for the (eventTime, sequence) pair the comparison reads.
            var position = new CloudTrailRecord(new JsonObject())
            {
                AccountId = string.Empty,
                Region = string.Empty,
                EventSource = string.Empty,
                EventName = string.Empty,
                EventId = string.Empty,
                RequestId = string.Empty,
                ReceivedAt = default,
                EventTime = new DateTimeOffset(ticks, TimeSpan.Zero),
                ReadOnly = false,
                Category = CloudTrailEventCategory.Management,
            };
            return new HistoryEntry(position, sequence);
        }
    }
}
