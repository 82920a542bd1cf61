using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>PutEvents and TestEventPattern.</summary>
public sealed partial class EventsProvider
{
    public const int MaxEntries = 10;

    /// <summary>The total entry size PutEvents takes (256 KB).</summary>
    public const int MaxRequestEntrySize = 256 * 1024;

    private static readonly string[] RequiredEventFields = ["id", "account", "source", "time", "region", "resources", "detail-type"];

    public JsonObject PutEvents(RequestContext context, JsonObject input)
    {
        if (input["Entries"] is not JsonArray entries)
        {
            throw EventsErrors.Constraint("null", "entries", "Member must not be null");
        }

        if (entries.Count is < 1 or > MaxEntries)
        {
            throw EventsErrors.Constraint("[...]", "entries", entries.Count < 1 ? "Member must have length greater than or equal to 1" : $"Member must have length less than or equal to {MaxEntries}");
        }

        var parsed = entries.Select(e => ReadEntry(e as JsonObject ?? [], clock.GetUtcNow())).ToList();
        if (parsed.Sum(p => p.Size) > MaxRequestEntrySize)
        {
            // [guess] AWS's wording for a request over 256 KB of entries.
            throw EventsErrors.Validation("Total size of the entries in the request is over the limit.");
        }

        // AWS fails the whole request when no entry has all of Source, DetailType and Detail. [guess] The code and text.
        if (parsed.All(p => p.MissingRequired))
        {
            throw EventsErrors.Validation(parsed[0].ErrorMessage!);
        }

        var results = new JsonArray();
        var failed = 0;
        foreach (var entry in parsed)
        {
            var error = entry.ErrorCode is null ? CheckBus(context, entry.BusName) : null;
            if (entry.ErrorCode is not null || error is not null)
            {
                failed++;
                results.Add(new JsonObject { ["ErrorCode"] = entry.ErrorCode ?? "ResourceNotFoundException", ["ErrorMessage"] = entry.ErrorMessage ?? error });
                continue;
            }

            var id = Guid.NewGuid().ToString();
            var envelope = EventEnvelope.Create(id, entry.DetailType!, entry.Source!, context.AccountId, entry.Time, context.Region, entry.Resources, entry.Detail!);
            router.Route(context.AccountId, context.Region, entry.BusName, envelope);
            results.Add(new JsonObject { ["EventId"] = id });
        }

        return new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = results };
    }

    public JsonObject TestEventPattern(RequestContext context, JsonObject input)
    {
        var pattern = EventsInput.Required(input, "EventPattern");
        var eventText = EventsInput.Required(input, "Event");
        var matcher = ParsePattern(pattern);
        JsonObject? testEvent;
        try
        {
            testEvent = JsonNode.Parse(eventText, documentOptions: EventEnvelope.DetailOptions) as JsonObject;
        }
        catch (JsonException)
        {
            testEvent = null;
        }

        if (testEvent is null || RequiredEventFields.Any(f => !testEvent.ContainsKey(f)))
        {
            // [guess] AWS's wording.
            throw EventsErrors.Validation("Parameter Event is not valid.");
        }

        return new JsonObject { ["Result"] = matcher.Matches(testEvent) };
    }

    /// <summary>Null when the bus exists, else the per-entry message.</summary>
    private string? CheckBus(RequestContext context, string busName) =>
        With(context, state => state.Buses.ContainsKey(busName) ? null : $"Event bus {busName} does not exist.");

    /// <summary>One PutEvents entry, read and checked; <see cref="EventEntry.ErrorCode"/> set when it fails on its own.</summary>
    private static EventEntry ReadEntry(JsonObject json, DateTimeOffset now)
    {
        var source = EventsInput.Optional(json, "Source");
        var detailType = EventsInput.Optional(json, "DetailType");
        var detailText = EventsInput.Optional(json, "Detail");
        var resources = EventsInput.Strings(json, "Resources");
        var busName = EventsInput.Optional(json, "EventBusName") is { } bus ? EventsInput.BusName(json) : EventsStore.DefaultBus;
        var hasTime = json["Time"] is not null;
        var time = hasTime ? ReadTime(json["Time"]!) ?? now : now;

        // The entry size as AWS's guide computes it: 14 bytes for a Time, plus the UTF-8 bytes of the rest.
        var size = (hasTime ? 14 : 0) + Bytes(source) + Bytes(detailType) + Bytes(detailText) + resources.Sum(Bytes);
        var entry = new EventEntry(source, detailType, null, resources, busName, time, size);
        foreach (var (member, value) in new[] { ("Source", source), ("DetailType", detailType), ("Detail", detailText) })
        {
            if (value is null)
            {
                return entry with { ErrorCode = "InvalidArgument", ErrorMessage = $"Parameter {member} is not valid. Reason: {member} is a required argument.", MissingRequired = true };
            }
        }

        if (detailType!.Length > 128)
        {
            // [guess] AWS's wording.
            return entry with { ErrorCode = "InvalidArgument", ErrorMessage = "Parameter DetailType is not valid. Reason: DetailType exceeds the maximum length of 128." };
        }

        if (ParseDetail(detailText!) is not { } detail)
        {
            return entry with { ErrorCode = "MalformedDetail", ErrorMessage = "Detail is malformed." };
        }

        if (source!.StartsWith("aws.", StringComparison.Ordinal))
        {
            // [guess] AWS's wording.
            return entry with { ErrorCode = "NotAuthorizedForSourceException", ErrorMessage = "Not authorized for the source." };
        }

        return entry with { Detail = detail };
    }

    /// <summary>The detail as a JSON object, or null when it is no object or holds an integer beyond int64.</summary>
    private static JsonObject? ParseDetail(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: EventEnvelope.DetailOptions) is JsonObject detail && IntegersFit(detail) ? detail : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IntegersFit(JsonNode? node) => node switch
    {
        JsonObject o => o.All(p => IntegersFit(p.Value)),
        JsonArray a => a.All(IntegersFit),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => !IsInteger(v.ToJsonString()) || long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        _ => true,
    };

    private static bool IsInteger(string number) => !number.AsSpan().ContainsAny(".eE");

    private static DateTimeOffset? ReadTime(JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<DateTimeOffset>(out var time))
        {
            return time;
        }

        if (value.TryGetValue<string>(out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        return value.TryGetValue<double>(out var seconds) ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
    }

    private static int Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    private sealed record EventEntry(string? Source, string? DetailType, JsonObject? Detail, List<string> Resources, string BusName, DateTimeOffset Time, int Size)
    {
        public string? ErrorCode { get; init; }

        public string? ErrorMessage { get; init; }

        public bool MissingRequired { get; init; }
    }
}
