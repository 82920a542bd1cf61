// An event flattened once into its leaves by dotted path ("detail.userIdentity.type"), as event-ruler flattens
// events: arrays contribute each element at the array's own path (arrays of objects are "crushed" into the
// parent field), each leaf remembering which array elements it came from. Objects and empty arrays contribute
// no leaf, so exists matching sees leaves only. A duplicate key contributes both values.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Events;

internal sealed class FlatEvent
{
    private static readonly List<EventLeaf> NoLeaves = [];
    private readonly Dictionary<string, List<EventLeaf>> _byPath = new(StringComparer.Ordinal);
    private int _arrays;

    private FlatEvent()
    {
    }

    public IEnumerable<KeyValuePair<string, List<EventLeaf>>> Paths => _byPath;

    public List<EventLeaf> Leaves(string path) => _byPath.TryGetValue(path, out var leaves) ? leaves : NoLeaves;

    /// <summary>Parses and flattens; invalid JSON is an <see cref="ArgumentException"/>.</summary>
    public static FlatEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
            return From(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The event is not valid JSON: {e.Message}", nameof(json), e);
        }
    }

    public static FlatEvent From(JsonElement root)
    {
        var flat = new FlatEvent();
        if (root.ValueKind == JsonValueKind.Object)
        {
            flat.AddObject(root, "", null);
        }
        return flat;
    }

    public static FlatEvent From(JsonNode? root)
    {
        var flat = new FlatEvent();
        if (root is JsonObject obj)
        {
            flat.AddObject(obj, "", null);
        }
        return flat;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : string.Concat(prefix, ".", name);

    private void AddObject(JsonElement obj, string prefix, ArrayTrail? trail)
    {
        foreach (var property in obj.EnumerateObject())
        {
            Add(property.Value, Join(prefix, property.Name), trail);
        }
    }

    private void Add(JsonElement value, string path, ArrayTrail? trail)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AddObject(value, path, trail);
                break;
            case JsonValueKind.Array:
                var id = _arrays++;
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    Add(element, path, new ArrayTrail(trail, id, index++));
                }
                break;
            case JsonValueKind.String:
                AddLeaf(path, new EventLeaf(LeafKind.String, value.GetString()!, trail));
                break;
            case JsonValueKind.Number:
                AddLeaf(path, new EventLeaf(LeafKind.Number, value.GetRawText(), trail));
                break;
            case JsonValueKind.True:
                AddLeaf(path, new EventLeaf(LeafKind.True, "true", trail));
                break;
            case JsonValueKind.False:
                AddLeaf(path, new EventLeaf(LeafKind.False, "false", trail));
                break;
            default:
                AddLeaf(path, new EventLeaf(LeafKind.Null, "null", trail));
                break;
        }
    }

    private void AddObject(JsonObject obj, string prefix, ArrayTrail? trail)
    {
        foreach (var (name, value) in obj)
        {
            Add(value, Join(prefix, name), trail);
        }
    }

    private void Add(JsonNode? value, string path, ArrayTrail? trail)
    {
        switch (value)
        {
            case null:
                AddLeaf(path, new EventLeaf(LeafKind.Null, "null", trail));
                break;
            case JsonObject obj:
                AddObject(obj, path, trail);
                break;
            case JsonArray array:
                var id = _arrays++;
                for (var i = 0; i < array.Count; i++)
                {
                    Add(array[i], path, new ArrayTrail(trail, id, i));
                }
                break;
            default:
                var kind = value.GetValueKind();
                switch (kind)
                {
                    case JsonValueKind.String:
                        // A JsonValue may hold a char, Guid, DateTime...: its JSON text is the string AWS would see.
                        var text = value.AsValue().TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
                        AddLeaf(path, new EventLeaf(LeafKind.String, text, trail));
                        break;
                    case JsonValueKind.Number:
                        AddLeaf(path, new EventLeaf(LeafKind.Number, value.ToJsonString(), trail));
                        break;
                    case JsonValueKind.True:
                        AddLeaf(path, new EventLeaf(LeafKind.True, "true", trail));
                        break;
                    case JsonValueKind.False:
                        AddLeaf(path, new EventLeaf(LeafKind.False, "false", trail));
                        break;
                    default:
                        AddLeaf(path, new EventLeaf(LeafKind.Null, "null", trail));
                        break;
                }
                break;
        }
    }

    private void AddLeaf(string path, EventLeaf leaf)
    {
        if (!_byPath.TryGetValue(path, out var leaves))
        {
            _byPath[path] = leaves = new List<EventLeaf>(1);
        }
        leaves.Add(leaf);
    }
}
