// Many named patterns matched against one event, flattening the event once. Each pattern's alternatives
// ($or-expanded rules) are indexed by one exact-value field: the one whose values are shared by the fewest rules
// of the set (for CloudTrail rules usually detail.eventName rather than source). An event then only evaluates
// the rules whose index value it carries at the index path, plus the rules with no exact-only field. Adding or
// removing a pattern rebuilds an immutable snapshot, so matching never locks and may run concurrently.
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
    public IReadOnlyList<string> Match(string eventJson) => _snapshot.Match(FlatEvent.Parse(eventJson));

    /// <summary>The names of the patterns an already-parsed event matches, in the order they were added.</summary>
    public IReadOnlyList<string> Match(JsonNode? @event) => _snapshot.Match(FlatEvent.From(@event));

    /// <summary>The names of the patterns an already-parsed event matches, in the order they were added.</summary>
    public IReadOnlyList<string> Match(JsonElement @event) => _snapshot.Match(FlatEvent.From(@event));

    private sealed class Snapshot
    {
        private readonly (int Pattern, CompiledRule Rule)[] _rules;
        private readonly int[] _unindexed;
        private readonly Dictionary<string, Dictionary<(LeafKind, string), int[]>> _index;

        private Snapshot(string[] names, (int, CompiledRule)[] rules, int[] unindexed, Dictionary<string, Dictionary<(LeafKind, string), int[]>> index)
        {
            Names = names;
            _rules = rules;
            _unindexed = unindexed;
            _index = index;
        }

        public string[] Names { get; }

        public static Snapshot Build(List<KeyValuePair<string, EventPattern>> patterns)
        {
            var rules = patterns
                .SelectMany((p, i) => p.Value.Alternatives.Select(rule => (Pattern: i, Rule: rule)))
                .ToArray();

            // How many rules name each (path, exact value): an index entry shared by few rules is selective.
            var frequency = new Dictionary<(string, LeafKind, string), int>();
            foreach (var (_, rule) in rules)
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
                var best = rules[r].Rule.Fields
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
                rules,
                [.. unindexed],
                index.ToDictionary(
                    p => p.Key,
                    p => p.Value.ToDictionary(v => v.Key, v => v.Value.ToArray()),
                    StringComparer.Ordinal));
        }

        private static bool IsIndexable(FieldCondition field) => field.Matchers.All(m => m is ExactMatcher);

        public IReadOnlyList<string> Match(FlatEvent flat)
        {
            if (Names.Length == 0)
            {
                return [];
            }
            var matched = new bool[Names.Length];
            var any = false;
            foreach (var r in _unindexed)
            {
                any |= Evaluate(r, flat, matched);
            }
            foreach (var (path, byValue) in _index)
            {
                foreach (var leaf in flat.Leaves(path))
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
            for (var i = 0; i < matched.Length; i++)
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
            var (pattern, rule) = _rules[r];
            if (matched[pattern] || !rule.Matches(flat))
            {
                return false;
            }
            matched[pattern] = true;
            return true;
        }
    }
}
