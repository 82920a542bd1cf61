using System.Text.Json.Nodes;
using Doqutore.Emulator.Delivery;

namespace Doqutore.Emulator.Providers.Events;

/// <summary>
/// Puts events on a bus: matches each against the bus's enabled rules, records it in the <see cref="EventLog"/>
/// and queues one <see cref="DeliveryJob"/> per target of every matching rule; delivery happens on the
/// <see cref="DeliveryWorker"/>. Also the bus AWS services put their own events on (<see cref="IServiceEventBus"/>).
/// </summary>
/// <remarks>
/// The rules are copied under the region's lock, then matched outside it. Read-only management events
/// delivered via CloudTrail reach only rules in state <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c>; plain
/// <c>ENABLED</c> rules see every other event, as AWS documents.
/// </remarks>
public sealed class EventRouter(EventsStore store, EventLog log, DeliveryQueue queue, TimeProvider clock) : IServiceEventBus
{
    public void Put(ServiceEvent serviceEvent)
    {
        ArgumentNullException.ThrowIfNull(serviceEvent);
        var envelope = EventEnvelope.Create(
            Guid.NewGuid().ToString(),
            serviceEvent.DetailType,
            serviceEvent.Source,
            serviceEvent.AccountId,
            serviceEvent.Time,
            serviceEvent.Region,
            serviceEvent.Resources,
            (JsonObject)serviceEvent.Detail.DeepClone());
        Route(serviceEvent.AccountId, serviceEvent.Region, EventsStore.DefaultBus, envelope, serviceEvent.IsReadOnlyManagementEvent);
    }

    /// <summary>Matches <paramref name="envelope"/> on the bus and queues its deliveries; returns the rules it matched.</summary>
    public IReadOnlyList<string> Route(string account, string region, string busName, JsonObject envelope, bool readOnlyManagementEvent = false)
    {
        var ingestion = clock.GetUtcNow();
        var entry = log.Add(busName, envelope, readOnlyManagementEvent);
        var patterns = store.With(account, region, state => state.Buses.TryGetValue(busName, out var bus) ? bus.Patterns : null);
        if (patterns is null || patterns.Count == 0)
        {
            return [];
        }

        // Matching needs no lock (the set is an immutable snapshot); the matched rules' targets are read under it.
        var names = patterns.Match(envelope);
        var rules = store.With(account, region, state =>
            state.Buses.TryGetValue(busName, out var bus)
                ? names.Select(n => bus.Rules.GetValueOrDefault(n))
                    .Where(r => r is not null && RuleStates.IsEnabled(r.State))
                    .Where(r => !readOnlyManagementEvent || r!.State == RuleStates.EnabledWithManagementEvents)
                    .Select(r => new RuleSnapshot(r!.Arn, r.Name, [.. r.Targets]))
                    .ToArray()
                : []);

        var eventJson = envelope.ToJsonString();
        foreach (var rule in rules)
        {
            entry.Matched(rule.Arn);
            foreach (var target in rule.Targets)
            {
                queue.Enqueue(new DeliveryJob
                {
                    EventJson = eventJson,
                    RuleArn = rule.Arn,
                    RuleName = rule.Name,
                    Account = account,
                    Target = target,
                    IngestionTime = ingestion,
                    Record = entry.Delivery(rule.Arn, target),
                });
            }
        }

        return rules.Select(r => r.Arn).ToArray();
    }

    private sealed record RuleSnapshot(string Arn, string Name, EventTarget[] Targets);
}
