using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>Event buses: <c>default</c> exists in every account and region and cannot be deleted; at most 100 custom buses.</summary>
public sealed partial class EventsProvider
{
    private const int BusesPerRegion = 100;

    public JsonObject CreateEventBus(RequestContext context, JsonObject input)
    {
        var name = EventsInput.Check(EventsInput.Required(input, "Name"), "name", 1, 256, EventsInput.BusNameRegex(), EventsInput.BusNamePattern);
        var source = EventsInput.Optional(input, "EventSourceName");
        if (source is not null)
        {
            EventsInput.Length(source, "eventSourceName", 1, 256);
        }

        // Only partner buses, named after their event source, may contain '/'. [guess] AWS's wording.
        if (name.Contains('/', StringComparison.Ordinal) && source != name)
        {
            throw EventsErrors.Validation("Event bus name must not contain '/' unless it is a partner event bus.");
        }

        var tags = EventsInput.Tags(input);
        return With(context, state =>
        {
            if (state.Buses.ContainsKey(name))
            {
                throw EventsErrors.ResourceAlreadyExists($"Event bus {name} already exists.");
            }

            if (state.Buses.Count - 1 >= BusesPerRegion)
            {
                throw EventsErrors.LimitExceeded("The requested resource exceeds the maximum number allowed.");
            }

            var bus = new EventBus(name, EventsStore.BusArn(context.AccountId, context.Region, name));
            state.Buses[name] = bus;
            SetTags(state, bus.Arn, tags);
            return new JsonObject { ["EventBusArn"] = bus.Arn };
        });
    }

    public JsonObject DescribeEventBus(RequestContext context, JsonObject input)
    {
        var name = EventsInput.BusName(input, "Name");
        return With(context, state => BusJson(Bus(state, name)));
    }

    public JsonObject ListEventBuses(RequestContext context, JsonObject input)
    {
        var prefix = EventsInput.Optional(input, "NamePrefix");
        if (prefix is not null)
        {
            EventsInput.Check(prefix, "namePrefix", 1, 256, EventsInput.BusNameRegex(), EventsInput.BusNamePattern);
        }

        var paging = EventsInput.Paging(input);
        return With(context, state =>
        {
            var buses = state.Buses.Values
                .Where(b => prefix is null || b.Name.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(b => b.Name, StringComparer.Ordinal);
            return EventsInput.Page("EventBuses", buses, b => b.Name, b => BusJson(b), paging);
        });
    }

    public JsonObject DeleteEventBus(RequestContext context, JsonObject input)
    {
        var name = EventsInput.Check(EventsInput.Required(input, "Name"), "name", 1, 256, EventsInput.BusNameRegex(), EventsInput.BusNamePattern);
        if (name == EventsStore.DefaultBus)
        {
            // [guess] AWS's wording.
            throw EventsErrors.Validation("Cannot delete event bus default.");
        }

        return With(context, state =>
        {
            // [guess] Deleting a bus that does not exist succeeds, and a bus goes with its rules.
            if (state.Buses.Remove(name, out var bus))
            {
                state.Tags.Remove(bus.Arn);
                foreach (var rule in bus.Rules.Values)
                {
                    state.Tags.Remove(rule.Arn);
                }
            }

            return Empty();
        });
    }

    private static JsonObject BusJson(EventBus bus) => new() { ["Name"] = bus.Name, ["Arn"] = bus.Arn };
}
