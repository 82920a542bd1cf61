using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Amazon EventBridge (CloudWatch Events, json 1.1): buses, rules, targets, PutEvents, TestEventPattern and
/// tags. State is per account and region (<see cref="EventsStore"/>); every operation validates its whole
/// input first, then reads or changes state under the region's lock. Events are matched by the shared
/// matcher (<c>Doqutore.Aws.Events</c>) in <see cref="EventRouter"/> and delivered by <see cref="DeliveryWorker"/>.
/// Scheduled rules (<c>ScheduleExpression</c>) are stored, described and listed but never fire in the emulator.
/// </summary>
public sealed partial class EventsProvider(EventsStore store, EventRouter router, TimeProvider clock, ILogger<EventsProvider> logger) : AwsServiceProvider
{
    public override string ServiceId => "events";

    private T With<T>(RequestContext context, Func<EventsRegion, T> action) => store.With(context.AccountId, context.Region, action);

    private static EventBus Bus(EventsRegion state, string name) =>
        state.Buses.TryGetValue(name, out var bus) ? bus : throw EventsErrors.BusNotFound(name);

    private static EventRule Rule(EventsRegion state, string bus, string name) =>
        Bus(state, bus).Rules.TryGetValue(name, out var rule) ? rule : throw EventsErrors.RuleNotFound(name, bus);

    private static JsonObject Empty() => [];
}
