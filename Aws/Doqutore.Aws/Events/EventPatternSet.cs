// Many named patterns matched against one event, flattening the event once. Each pattern's alternatives
// ($or-expanded rules) are indexed by one exact-value field: the one whose values are shared by the fewest rules
// of the set (for CloudTrail rules usually detail.eventName rather than source). An event then only evaluates
// the rules whose index value it carries at the index path, plus the rules with no exact-only field. Adding or
// removing a pattern rebuilds an immutable snapshot, so matching never locks and may run concurrently. The snapshot
// also holds the NamedPaths of all its rules: an event is flattened at those paths only (see FlatEvent), and each
// rule and index entry refers to its paths by slot.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Events;

/// <summary>A set of named event patterns; <see cref="Match(string)"/> returns the names of those an event matches.</summary>
public sealed class EventPatternSet
{
    private readonly Lock _gate = new();
    private readonly List<KeyValuePair<string, EventPattern>> _patterns = [];
    private volatile Snapshot _snapshot = Snapshot.Build([]);

    /// <summary>The number of patterns.</summary>
    public int Count => _snapshot.Names.Length;

    /// <summary>Adds a pattern, or replaces the pattern of that name.</summary>
    public void Add(string name, EventPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_gate)
        {
            var index = _patterns.FindIndex(p => p.Key == name);
            if (index >= 0)
            {
                _patterns[index] = new(name, pattern);
            }
            else
            {
                _patterns.Add(new(name, pattern));
            }
            _snapshot = Snapshot.Build(_patterns);
        }
    }

    /// <summary>Removes the pattern of that name; false if there was none.</summary>
    public bool Remove(string name)
    {
        lock (_gate)
        {
            var removed = _patterns.RemoveAll(p => p.Key == name) > 0;
            if (removed)
            {
                _snapshot = Snapshot.Build(_patterns);
            }
            return removed;
        }
    }

    /// <summary>The names of the matching patterns, in the order they were added. Invalid JSON: <see cref="ArgumentException"/>.</summary>
    public IReadOnlyList<string> Match(string eventJson)
    {
        var snapshot = _snapshot;
        using var flat = FlatEvent.Parse(eventJson, snapshot.Paths);
        return snapshot.Match(flat);
    }

    /// <summary>The names of the patterns an already-parsed event matches, in the order they were added.</summary>
    public IReadOnlyList<string> Match(JsonNode? @event)
    {
        var snapshot = _snapshot;
        using var flat = FlatEvent.From(@event, snapshot.Paths);
        return snapshot.Match(flat);
    }

    /// <summary>The names of the patterns an already-parsed event matches, in the order they were added.</summary>
    public IReadOnlyList<string> Match(JsonElement @event)
    {
        var snapshot = _snapshot;
        using var flat = FlatEvent.From(@event, snapshot.Paths);
        return snapshot.Match(flat);
    }

    private sealed class Snapshot
    {
        private readonly (int Pattern, CompiledRule Rule, int[] Slots)[] _rules;
        private readonly int[] _unindexed;
        private readonly (int Slot, Dictionary<(LeafKind, string), int[]> ByValue)[] _index;

        private Snapshot(string[] names, NamedPaths paths, (int, CompiledRule, int[])[] rules, int[] unindexed, (int, Dictionary<(LeafKind, string), int[]>)[] index)
        {
            Names = names;
            Paths = paths;
            _rules = rules;
            _unindexed = unindexed;
            _index = index;
        }

        public string[] Names { get; }

        /// <summary>The paths the rules name; events are flattened at these only.</summary>
        public NamedPaths Paths { get; }

        public static Snapshot Build(List<KeyValuePair<string, EventPattern>> patterns)
        {
            var compiled = patterns
                .SelectMany((p, i) => p.Value.Alternatives.Select(rule => (Pattern: i, Rule: rule)))
                .ToArray();
            var paths = NamedPaths.From(compiled.Select(r => r.Rule));
            var rules = compiled.Select(r => (r.Pattern, r.Rule, paths.SlotsOf(r.Rule))).ToArray();

            // How many rules name each (path, exact value): an index entry shared by few rules is selective.
            var frequency = new Dictionary<(string, LeafKind, string), int>();
            foreach (var (_, rule, _) in rules)
            {
                foreach (var field in rule.Fields.Where(IsIndexable))
                {
                    foreach (var exact in field.Matchers.Cast<ExactMatcher>())
                    {
                        var key = (field.Path, exact.Kind, exact.Text);
                        frequency[key] = frequency.GetValueOrDefault(key) + 1;
                    }
                }
            }

            var unindexed = new List<int>();
            var index = new Dictionary<string, Dictionary<(LeafKind, string), List<int>>>(StringComparer.Ordinal);
            for (var r = 0; r < rules.Length; r++)
            {
                var best = rules[r].Item2.Fields
                    .Where(IsIndexable)
                    .MinBy(f => f.Matchers.Cast<ExactMatcher>().Sum(m => frequency[(f.Path, m.Kind, m.Text)]));
                if (best is null)
                {
                    unindexed.Add(r);
                    continue;
                }
                if (!index.TryGetValue(best.Path, out var byValue))
                {
                    index[best.Path] = byValue = [];
                }
                foreach (var exact in best.Matchers.Cast<ExactMatcher>())
                {
                    if (!byValue.TryGetValue((exact.Kind, exact.Text), out var ids))
                    {
                        byValue[(exact.Kind, exact.Text)] = ids = [];
                    }
                    if (ids.Count == 0 || ids[^1] != r)
                    {
                        ids.Add(r);
                    }
                }
            }
            return new Snapshot(
                [.. patterns.Select(p => p.Key)],
                paths,
                rules,
                [.. unindexed],
                [.. index.Select(p => (paths.SlotOf(p.Key), p.Value.ToDictionary(v => v.Key, v => v.Value.ToArray())))]);
        }

        private static bool IsIndexable(FieldCondition field) => field.Matchers.All(m => m is ExactMatcher);

        public IReadOnlyList<string> Match(FlatEvent flat)
        {
            if (Names.Length == 0)
            {
                return [];
            }
            var matched = flat.Matched(Names.Length);
            var any = false;
            foreach (var r in _unindexed)
            {
                any |= Evaluate(r, flat, matched);
            }
            foreach (var (slot, byValue) in _index)
            {
                foreach (ref readonly var leaf in flat.Leaves(slot))
                {
                    if (byValue.TryGetValue((leaf.Kind, leaf.Text), out var ids))
                    {
                        foreach (var r in ids)
                        {
                            any |= Evaluate(r, flat, matched);
                        }
                    }
                }
            }
            if (!any)
            {
                return [];
            }
            var names = new List<string>();
            for (var i = 0; i < Names.Length; i++)
            {
                if (matched[i])
                {
                    names.Add(Names[i]);
                }
            }
            return names;
        }

        private bool Evaluate(int r, FlatEvent flat, bool[] matched)
        {
            var (pattern, rule, slots) = _rules[r];
            if (matched[pattern] || !rule.Matches(flat, slots))
            {
                return false;
            }
            matched[pattern] = true;
            return true;
        }
    }
}
