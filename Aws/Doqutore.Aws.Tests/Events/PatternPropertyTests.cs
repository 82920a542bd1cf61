using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Events;

namespace Doqutore.Aws.Tests.Events;

/// <summary>
/// Properties over random events (seeded, 400 runs each): a pattern derived from an event's leaves matches it;
/// adding a condition the event does not meet breaks the match; an $or of the two matches again.
/// </summary>
public sealed class PatternPropertyTests
{
    private const int Runs = 400;

    /// <summary>A pattern built from 1-4 random leaves outside arrays of objects, each with a condition that holds.</summary>
    private static (JsonObject Event, JsonObject Pattern, List<RandomEvents.Leaf> Plain) Derive(RandomEvents random) =>
        Derive(random, random.Event());

    private static (JsonObject Event, JsonObject Pattern, List<RandomEvents.Leaf> Plain) Derive(RandomEvents random, JsonObject @event)
    {
        var plain = RandomEvents.Leaves(@event).Where(l => !l.InArray).ToList();
        var pattern = new JsonObject();
        if (plain.Count == 0)
        {
            pattern["absent-field"] = new JsonArray(new JsonObject { ["exists"] = false });
            return (@event, pattern, plain);
        }
        var picks = 1 + random.Next(Math.Min(4, plain.Count));
        foreach (var leaf in plain.OrderBy(_ => random.Next(1000)).Take(picks))
        {
            RandomEvents.Put(pattern, leaf.Path, new JsonArray(random.HoldingCondition(leaf.Value)));
        }
        return (@event, pattern, plain);
    }

    private static void ForAll(Action<int, RandomEvents> property)
    {
        for (var seed = 1; seed <= Runs; seed++)
        {
            property(seed, new RandomEvents(seed));
        }
    }

    [Fact]
    public void A_pattern_derived_from_an_event_matches_it() => ForAll((seed, random) =>
    {
        var (@event, pattern, _) = Derive(random);
        Assert.True(EventPattern.Parse(pattern.ToJsonString()).Matches(@event.ToJsonString()),
            $"seed {seed}: {pattern.ToJsonString()} vs {@event.ToJsonString()}");
    });

    [Fact]
    public void An_exact_pattern_on_one_array_element_matches() => ForAll((seed, random) =>
    {
        var @event = random.Event();
        var inArrays = RandomEvents.Leaves(@event).Where(l => l.InArray).ToList();
        if (inArrays.Count == 0)
        {
            return;
        }
        var leaf = random.Pick(inArrays);
        var pattern = new JsonObject();
        RandomEvents.Put(pattern, leaf.Path, new JsonArray(leaf.Value?.DeepClone()));
        Assert.True(EventPattern.Parse(pattern.ToJsonString()).Matches(@event), $"seed {seed}: {pattern.ToJsonString()} vs {@event.ToJsonString()}");
    });

    [Fact]
    public void Adding_a_condition_that_does_not_hold_breaks_the_match() => ForAll((seed, random) =>
    {
        var (@event, pattern, plain) = Derive(random);
        if (random.Next(3) == 0 || plain.Count == 0)
        {
            RandomEvents.Put(pattern, [.. (plain.Count > 0 ? random.Pick(plain).Path[..^1] : []), "missing-field"], new JsonArray("v"));
        }
        else
        {
            var leaf = random.Pick(plain);
            RandomEvents.Put(pattern, leaf.Path, new JsonArray(random.FailingCondition(leaf.Value)));
        }
        Assert.False(EventPattern.Parse(pattern.ToJsonString()).Matches(@event.ToJsonString()),
            $"seed {seed}: {pattern.ToJsonString()} vs {@event.ToJsonString()}");
    });

    [Fact]
    public void An_or_of_a_matching_and_a_failing_alternative_matches() => ForAll((seed, random) =>
    {
        var (@event, matching, plain) = Derive(random);
        var failing = new JsonObject();
        RandomEvents.Put(failing, ["missing-field"], new JsonArray("v"));
        var alternatives = random.Next(2) == 0 ? new JsonArray(matching, failing) : new JsonArray(failing, matching);
        var pattern = new JsonObject { ["$or"] = alternatives };
        Assert.True(EventPattern.Parse(pattern.ToJsonString()).Matches(@event),
            $"seed {seed}: {pattern.ToJsonString()} vs {@event.ToJsonString()}");
    });

    [Fact]
    public void A_pattern_set_agrees_with_its_patterns_one_by_one() => ForAll((seed, random) =>
    {
        var set = new EventPatternSet();
        var patterns = new List<EventPattern>();
        var @event = random.Event();
        for (var i = 0; i < 6; i++)
        {
            var (_, pattern, _) = Derive(random);
            var parsed = EventPattern.Parse(pattern.ToJsonString());
            patterns.Add(parsed);
            set.Add($"p{i}", parsed);
        }
        var expected = patterns.Select((p, i) => (p, i)).Where(x => x.p.Matches(@event)).Select(x => $"p{x.i}");
        Assert.Equal(expected, set.Match(@event));
    });

    [Fact]
    public void Text_element_and_node_forms_of_an_event_get_the_same_answers() => ForAll((seed, random) =>
    {
        var (set, @event) = RandomSet(random);
        var text = @event.ToJsonString();
        using var document = JsonDocument.Parse(text);
        var expected = set.Match(@event);
        Assert.Equal(expected, set.Match(text));
        Assert.Equal(expected, set.Match(document.RootElement));
    });

    [Fact]
    public void Subtrees_no_pattern_names_do_not_change_the_answers() => ForAll((seed, random) =>
    {
        var (set, @event) = RandomSet(random);
        var expected = set.Match(@event.ToJsonString());
        var junk = new RandomEvents(seed + 100_000);
        foreach (var obj in Objects(@event).ToList())
        {
            // Keys no pattern names (patterns use RandomEvents' keys only), one of them holding a dot.
            obj[random.Next(2) == 0 ? "junk" : "junk.a"] = junk.Event();
        }
        Assert.Equal(expected, set.Match(@event.ToJsonString()));
    });

    private static (EventPatternSet Set, JsonObject Event) RandomSet(RandomEvents random)
    {
        var set = new EventPatternSet();
        var @event = random.Event();
        for (var i = 0; i < 6; i++)
        {
            // Half derived from this event (they match it), half from others.
            var (_, pattern, _) = i % 2 == 0 ? Derive(random, @event) : Derive(random);
            set.Add($"p{i}", EventPattern.Parse(pattern.ToJsonString()));
        }
        return (set, @event);
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Objects(p.Value)).Prepend(obj),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };
}
