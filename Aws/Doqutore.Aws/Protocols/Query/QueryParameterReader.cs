// The inverse of QueryParameterWriter: awsQuery key=value pairs into the neutral tree, walking the input
// shape and looking up the keys botocore would have written. Numbered items are indexed once up front
// ("Tags.member.3.Key" registers index 3 under "Tags.member"), so a list is found without scanning every
// key. Keys the shape does not name are ignored, as AWS ignores them. A value that does not fit its
// member throws ValidationError in AWS's wording.
using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Xml;

namespace Doqutore.Aws.Protocols.Query;

/// <summary>Reads awsQuery parameters into an operation's input tree (see the file header).</summary>
public sealed class QueryParameterReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<int>> _indices = new(StringComparer.Ordinal);

    public QueryParameterReader(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        foreach (var (key, value) in parameters)
        {
            _values[key] = value;
            IndexKey(key);
        }
    }

    /// <summary>The input structure's members found among the parameters.</summary>
    public JsonObject Read(Shape input) => ReadStructure(input, string.Empty);

    private JsonObject ReadStructure(Shape shape, string prefix)
    {
        var result = new JsonObject();
        foreach (var member in shape.Members)
        {
            var memberPrefix = prefix.Length == 0 ? member.WireName : $"{prefix}.{member.WireName}";
            var value = ReadValue(member, memberPrefix);
            if (value is not null)
            {
                result[member.Name] = value;
            }
        }

        return result;
    }

    private JsonNode? ReadValue(Member member, string prefix)
    {
        switch (member.Type)
        {
            case ShapeType.Structure:
                var structure = ReadStructure(member.Shape, prefix);
                return structure.Count > 0 ? structure : null;
            case ShapeType.List:
                return ReadList(member, prefix);
            case ShapeType.Map:
                return ReadMap(member, prefix);
            default:
                return _values.TryGetValue(prefix, out var text) ? ReadScalar(member, text, prefix) : null;
        }
    }

    private JsonArray? ReadList(Member member, string prefix)
    {
        var listPrefix = QueryParameterWriter.ListPrefix(member, prefix);
        if (!_indices.TryGetValue(listPrefix, out var indices))
        {
            // "Name=" is how the query protocol sends an empty list.
            return _values.TryGetValue(prefix, out var empty) && empty.Length == 0 ? [] : null;
        }

        var inner = member.Shape.ListMember!;
        var array = new JsonArray();
        foreach (var i in indices)
        {
            var item = ReadValue(inner, $"{listPrefix}.{i}");
            if (item is not null)
            {
                array.Add(item);
            }
        }

        return array;
    }

    private JsonObject? ReadMap(Member member, string prefix)
    {
        var entryPrefix = QueryParameterWriter.MapEntryPrefix(member, prefix);
        if (!_indices.TryGetValue(entryPrefix, out var indices))
        {
            return null;
        }

        var keyMember = member.Shape.MapKey!;
        var valueMember = member.Shape.MapValue!;
        var map = new JsonObject();
        foreach (var i in indices)
        {
            if (!_values.TryGetValue($"{entryPrefix}.{i}.{keyMember.WireName}", out var key))
            {
                continue;
            }

            var value = ReadValue(valueMember, $"{entryPrefix}.{i}.{valueMember.WireName}");
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return map;
    }

    private static JsonNode ReadScalar(Member member, string text, string path)
    {
        try
        {
            return XmlShapeSerializer.ReadScalar(member, text);
        }
        catch (FormatException)
        {
            throw new AwsServiceException(
                "ValidationError",
                $"1 validation error detected: Value '{text}' at '{AwsPath(path)}' failed to satisfy constraint: Member must be a valid {XmlShapeSerializer.TypeName(member.Type)}");
        }
    }

    /// <summary>AWS names a member in validation messages in lower camel case: <c>MaxItems</c> is <c>maxItems</c>.</summary>
    private static string AwsPath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length > 0 && char.IsUpper(p[0]) ? char.ToLowerInvariant(p[0]) + p[1..] : p));

    private void IndexKey(string key)
    {
        // Every ".<digits>" component registers its index under the text before it.
        var start = 0;
        while (true)
        {
            var dot = key.IndexOf('.', start);
            if (dot < 0)
            {
                return;
            }

            var end = key.IndexOf('.', dot + 1);
            var component = end < 0 ? key[(dot + 1)..] : key[(dot + 1)..end];
            if (component.Length is > 0 and <= 9 && component.All(char.IsAsciiDigit)
                && int.TryParse(component, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0)
            {
                var listKey = key[..dot];
                if (!_indices.TryGetValue(listKey, out var set))
                {
                    _indices[listKey] = set = [];
                }

                set.Add(index);
            }

            start = dot + 1;
        }
    }
}
