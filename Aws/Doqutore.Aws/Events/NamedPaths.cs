// The dotted paths some compiled rule names, as a trie the flattener walks alongside the event so that it only
// visits the subtrees that can reach a named path and only keeps leaves at named paths (a CloudTrail event has
// ~45 leaves; detection rules name 3-8 paths). Each named path gets a slot: the flattened event stores its
// leaves by slot, and each rule knows the slots of its fields.
//
// Paths are strings joined with "." (the root joins without one), exactly as FlatEvent always joined them, so a
// key holding a dot ("a.b") reaches the same path as nested keys ({"a":{"b"}}). The trie therefore is not keyed
// by segment: a node is a named path or a prefix of one ending before one of its dots, and each node maps every
// rest-of-path S to the node at node + "." + S (the root maps S to the node at S, including "" to itself). A
// property whose joined path is no node cannot lead to a named path: every deeper path starts with its path
// and a dot. Built once per EventPattern and per EventPatternSet snapshot; immutable, so shared across threads.
namespace Doqutore.Aws.Events;

/// <summary>One node of <see cref="NamedPaths"/>: a path some rule names (<see cref="Slot"/> ≥ 0) or a prefix of one.</summary>
internal sealed class PathNode
{
    private Dictionary<string, PathNode>? _below;
    private Dictionary<string, PathNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The slot of this path in a flattened event, or −1 if no rule names it (a prefix only).</summary>
    public int Slot { get; set; } = -1;

    /// <summary>Whether some named path lies strictly below this one (objects here are worth walking).</summary>
    public bool HasBelow => _below is not null;

    /// <summary>The longest rest-of-path below this node, in chars: longer property names cannot match.</summary>
    public int LongestBelow { get; private set; }

    public PathNode? Below(ReadOnlySpan<char> name) =>
        _below is not null && name.Length <= LongestBelow && _lookup.TryGetValue(name, out var node) ? node : null;

    public PathNode? Below(string name) =>
        _below is not null && name.Length <= LongestBelow && _below.TryGetValue(name, out var node) ? node : null;

    public void Link(string rest, PathNode node)
    {
        if (_below is null)
        {
            _below = new Dictionary<string, PathNode>(StringComparer.Ordinal);
            _lookup = _below.GetAlternateLookup<ReadOnlySpan<char>>();
        }
        _below[rest] = node;
        LongestBelow = Math.Max(LongestBelow, rest.Length);
    }
}

/// <summary>The paths a set of compiled rules names, with a slot per path (see the file header).</summary>
internal sealed class NamedPaths
{
    private readonly Dictionary<string, int> _slots;

    private NamedPaths(PathNode root, Dictionary<string, int> slots)
    {
        Root = root;
        _slots = slots;
    }

    /// <summary>The node of the event's top level (the empty path).</summary>
    public PathNode Root { get; }

    /// <summary>The number of slots (distinct named paths).</summary>
    public int Count => _slots.Count;

    /// <summary>The slot of a named path.</summary>
    public int SlotOf(string path) => _slots[path];

    /// <summary>The slot of each of the rule's fields, in field order.</summary>
    public int[] SlotsOf(CompiledRule rule) => [.. rule.Fields.Select(f => _slots[f.Path])];

    public static NamedPaths From(IEnumerable<CompiledRule> rules)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, PathNode>(StringComparer.Ordinal) { [""] = new PathNode() };
        foreach (var field in rules.SelectMany(r => r.Fields))
        {
            if (slots.ContainsKey(field.Path))
            {
                continue;
            }
            var slot = slots.Count;
            slots[field.Path] = slot;
            NodeAt(nodes, field.Path).Slot = slot;
            for (var dot = field.Path.IndexOf('.', Math.Min(1, field.Path.Length)); dot > 0; dot = field.Path.IndexOf('.', dot + 1))
            {
                NodeAt(nodes, field.Path[..dot]);
            }
        }
        var root = nodes[""];
        foreach (var (path, node) in nodes)
        {
            root.Link(path, node);
            // path = prefix + "." + rest for a non-empty prefix (one joined at the root has no dot).
            for (var dot = path.IndexOf('.', Math.Min(1, path.Length)); dot > 0; dot = path.IndexOf('.', dot + 1))
            {
                nodes[path[..dot]].Link(path[(dot + 1)..], node);
            }
        }
        return new NamedPaths(root, slots);
    }

    private static PathNode NodeAt(Dictionary<string, PathNode> nodes, string path)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            nodes[path] = node = new PathNode();
        }
        return node;
    }
}
