// An event flattened into its leaves by dotted path ("detail.userIdentity.type"), as event-ruler flattens events:
// arrays contribute each element at the array's own path (arrays of objects are "crushed" into the parent field),
// each leaf remembering which array elements it came from. Objects and empty arrays contribute no leaf, so exists
// matching sees leaves only. A duplicate key contributes both values.
//
// Only the paths in a NamedPaths (those the rules being matched name) are kept: the flattener walks the trie
// alongside the event and skips every subtree that cannot reach a named path, so no path string is built and
// only kept leaves allocate. A path no rule names has no leaves, which no rule can observe. Event text is read
// with a Utf8JsonReader over a pooled UTF-8 copy (skipped subtrees are still validated: invalid JSON anywhere is
// an ArgumentException); a JsonElement is read from its raw UTF-8 (JsonMarshal) the same way; a JsonNode tree is
// walked directly. Leaves are stored by slot in flat arrays; instances are cached per thread and reused
// (Dispose returns one), so a match allocates only the kept leaves' strings and array trails.
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Events;

internal sealed class FlatEvent : IDisposable
{
    private const int TextMaxDepth = 1000;
    private const int CachedCapacityLimit = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // An element has already been validated by its document, whichever options that was parsed with.
    private static readonly JsonReaderOptions ElementOptions = new()
    {
        MaxDepth = int.MaxValue,
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [ThreadStatic]
    private static FlatEvent? t_cached;

    private (int Slot, EventLeaf Leaf)[] _found = new (int, EventLeaf)[16];
    private EventLeaf[] _leaves = new EventLeaf[16];
    private int[] _start = new int[17];
    private char[] _name = new char[64];
    private ArrayTrail?[] _chosen = new ArrayTrail?[16];
    private bool[] _matched = new bool[16];
    private NamedPaths _paths = null!;
    private int _count;
    private int _arrays;

    private FlatEvent()
    {
    }

    /// <summary>The leaves at the path of that slot of the <see cref="NamedPaths"/> the event was flattened for.</summary>
    public ReadOnlySpan<EventLeaf> Leaves(int slot) => _leaves.AsSpan(_start[slot], _start[slot + 1] - _start[slot]);

    /// <summary>Parses and flattens; invalid JSON is an <see cref="ArgumentException"/>. Dispose the result.</summary>
    public static FlatEvent Parse(string json, NamedPaths paths)
    {
        ArgumentNullException.ThrowIfNull(json);
        var flat = Rent(paths);
        byte[]? utf8 = null;
        try
        {
            utf8 = ArrayPool<byte>.Shared.Rent(json.Length <= 16384 ? json.Length * 3 : StrictUtf8.GetByteCount(json));
            var length = StrictUtf8.GetBytes(json, utf8);
            var reader = new Utf8JsonReader(utf8.AsSpan(0, length), new JsonReaderOptions { MaxDepth = TextMaxDepth });
            flat.Walk(ref reader);
            return flat;
        }
        catch (Exception e) when (e is JsonException or EncoderFallbackException)
        {
            flat.Dispose();
            throw new ArgumentException($"The event is not valid JSON: {e.Message}", nameof(json), e);
        }
        catch
        {
            flat.Dispose();
            throw;
        }
        finally
        {
            if (utf8 is not null)
            {
                ArrayPool<byte>.Shared.Return(utf8);
            }
        }
    }

    /// <summary>Flattens an element (no leaves unless it is an object). Dispose the result.</summary>
    public static FlatEvent From(JsonElement root, NamedPaths paths)
    {
        var flat = Rent(paths);
        try
        {
            if (root.ValueKind == JsonValueKind.Object)
            {
                var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(root), ElementOptions);
                flat.Walk(ref reader);
            }
            else
            {
                flat.Group();
            }
            return flat;
        }
        catch
        {
            flat.Dispose();
            throw;
        }
    }

    /// <summary>Flattens a node tree (no leaves unless it is an object). Dispose the result.</summary>
    public static FlatEvent From(JsonNode? root, NamedPaths paths)
    {
        var flat = Rent(paths);
        try
        {
            if (root is JsonObject obj && paths.Root.HasBelow)
            {
                flat.WalkObject(obj, paths.Root, null);
            }
            flat.Group();
            return flat;
        }
        catch
        {
            flat.Dispose();
            throw;
        }
    }

    /// <summary>A scratch array of at least <paramref name="length"/> for a rule's search (contents undefined).</summary>
    public ArrayTrail?[] Chosen(int length)
    {
        if (_chosen.Length < length)
        {
            _chosen = new ArrayTrail?[length];
        }
        return _chosen;
    }

    /// <summary>A cleared scratch array of at least <paramref name="length"/> flags.</summary>
    public bool[] Matched(int length)
    {
        if (_matched.Length < length)
        {
            _matched = new bool[length];
        }
        else
        {
            Array.Clear(_matched, 0, length);
        }
        return _matched;
    }

    /// <summary>Drops the references to this event's values and keeps the buffers for the thread's next event.</summary>
    public void Dispose()
    {
        Array.Clear(_found, 0, _count);
        Array.Clear(_leaves, 0, _count);
        Array.Clear(_chosen);
        _paths = null!;
        if (_found.Length <= CachedCapacityLimit && _chosen.Length <= CachedCapacityLimit && _name.Length <= CachedCapacityLimit)
        {
            t_cached = this;
        }
    }

    private static FlatEvent Rent(NamedPaths paths)
    {
        var flat = t_cached ?? new FlatEvent();
        t_cached = null;
        flat._paths = paths;
        flat._count = 0;
        flat._arrays = 0;
        return flat;
    }

    private void Walk(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject && _paths.Root.HasBelow)
        {
            WalkObject(ref reader, _paths.Root, null);
        }
        else
        {
            reader.Skip();
        }
        // Anything after the root value but whitespace makes the reader throw.
        while (reader.Read())
        {
        }
        Group();
    }

    private void WalkObject(ref Utf8JsonReader reader, PathNode node, ArrayTrail? trail)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var below = Below(ref reader, node);
            reader.Read();
            if (below is null)
            {
                reader.Skip();
            }
            else
            {
                WalkValue(ref reader, below, trail);
            }
        }
    }

    private PathNode? Below(ref Utf8JsonReader reader, PathNode node)
    {
        var span = reader.ValueSpan;
        // UTF-8 never has fewer bytes than the name has chars, nor an escaped name fewer than the unescaped one.
        if (!reader.ValueIsEscaped && span.Length > 3 * node.LongestBelow)
        {
            return null;
        }
        if (_name.Length < span.Length)
        {
            _name = new char[Math.Max(span.Length, 2 * _name.Length)];
        }
        var length = reader.CopyString(_name);
        return node.Below(_name.AsSpan(0, length));
    }

    private void WalkValue(ref Utf8JsonReader reader, PathNode node, ArrayTrail? trail)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                if (node.HasBelow)
                {
                    WalkObject(ref reader, node, trail);
                }
                else
                {
                    reader.Skip();
                }
                break;
            case JsonTokenType.StartArray:
                var id = _arrays++;
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var wanted = reader.TokenType switch
                    {
                        JsonTokenType.StartObject => node.HasBelow,
                        JsonTokenType.StartArray => true,
                        _ => node.Slot >= 0,
                    };
                    if (wanted)
                    {
                        WalkValue(ref reader, node, new ArrayTrail(trail, id, index));
                    }
                    else
                    {
                        reader.Skip();
                    }
                    index++;
                }
                break;
            case JsonTokenType.String when node.Slot >= 0:
                Add(node.Slot, new EventLeaf(LeafKind.String, reader.GetString()!, trail));
                break;
            case JsonTokenType.Number when node.Slot >= 0:
                Add(node.Slot, new EventLeaf(LeafKind.Number, Encoding.UTF8.GetString(reader.ValueSpan), trail));
                break;
            case JsonTokenType.True when node.Slot >= 0:
                Add(node.Slot, new EventLeaf(LeafKind.True, "true", trail));
                break;
            case JsonTokenType.False when node.Slot >= 0:
                Add(node.Slot, new EventLeaf(LeafKind.False, "false", trail));
                break;
            case JsonTokenType.Null when node.Slot >= 0:
                Add(node.Slot, new EventLeaf(LeafKind.Null, "null", trail));
                break;
        }
    }

    private void WalkObject(JsonObject obj, PathNode node, ArrayTrail? trail)
    {
        foreach (var (name, value) in obj)
        {
            if (node.Below(name) is { } below)
            {
                Walk(value, below, trail);
            }
        }
    }

    private void Walk(JsonNode? value, PathNode node, ArrayTrail? trail)
    {
        switch (value)
        {
            case null:
                if (node.Slot >= 0)
                {
                    Add(node.Slot, new EventLeaf(LeafKind.Null, "null", trail));
                }
                break;
            case JsonObject obj:
                if (node.HasBelow)
                {
                    WalkObject(obj, node, trail);
                }
                break;
            case JsonArray array:
                var id = _arrays++;
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], node, new ArrayTrail(trail, id, i));
                }
                break;
            default:
                if (node.Slot >= 0)
                {
                    Add(node.Slot, Leaf(value, trail));
                }
                break;
        }
    }

    private static EventLeaf Leaf(JsonNode value, ArrayTrail? trail)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                // A JsonValue may hold a char, Guid, DateTime...: its JSON text is the string AWS would see.
                var text = value.AsValue().TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
                return new EventLeaf(LeafKind.String, text, trail);
            case JsonValueKind.Number:
                return new EventLeaf(LeafKind.Number, value.ToJsonString(), trail);
            case JsonValueKind.True:
                return new EventLeaf(LeafKind.True, "true", trail);
            case JsonValueKind.False:
                return new EventLeaf(LeafKind.False, "false", trail);
            default:
                return new EventLeaf(LeafKind.Null, "null", trail);
        }
    }

    private void Add(int slot, EventLeaf leaf)
    {
        if (_count == _found.Length)
        {
            Array.Resize(ref _found, 2 * _count);
        }
        _found[_count++] = (slot, leaf);
    }

    /// <summary>Groups the leaves found by slot (a counting sort that keeps their event order).</summary>
    private void Group()
    {
        var slots = _paths.Count;
        if (_start.Length < slots + 1)
        {
            _start = new int[slots + 1];
        }
        if (_leaves.Length < _count)
        {
            _leaves = new EventLeaf[_found.Length];
        }
        var start = _start.AsSpan(0, slots + 1);
        start.Clear();
        for (var i = 0; i < _count; i++)
        {
            start[_found[i].Slot + 1]++;
        }
        for (var s = 1; s <= slots; s++)
        {
            start[s] += start[s - 1];
        }
        // Place each leaf at its slot's next free position (start[slot] advances), then shift start back.
        for (var i = 0; i < _count; i++)
        {
            var (slot, leaf) = _found[i];
            _leaves[start[slot]++] = leaf;
        }
        for (var s = slots; s > 0; s--)
        {
            start[s] = start[s - 1];
        }
        start[0] = 0;
    }
}
