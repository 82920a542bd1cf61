// The awsQuery request body, written exactly as botocore's QuerySerializer does:
//   structure member   Prefix.WireName
//   wrapped list       Name.member.N           ("member" replaced by the list member's locationName)
//   flattened list     Name.N                  (when the list member has a locationName, it replaces the
//                                               last component of the prefix: AttributeNames -> AttributeName.N)
//   map                Name.entry.N.key / .value (key/value names from their locationName; no "entry" when flattened)
//   empty list         Name=
//   scalars            true/false, iso8601 timestamps (or timestampFormat), blobs base64 (as the tree holds them)
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Xml;

namespace Doqutore.Aws.Protocols.Query;

/// <summary>The neutral tree as awsQuery <c>key=value</c> pairs (see the file header).</summary>
public static class QueryParameterWriter
{
    /// <summary>The pairs of an input structure, in tree order, without Action and Version.</summary>
    public static List<KeyValuePair<string, string>> Write(Shape input, JsonObject values)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        WriteStructure(pairs, input, values, string.Empty);
        return pairs;
    }

    private static void WriteStructure(List<KeyValuePair<string, string>> pairs, Shape shape, JsonObject values, string prefix)
    {
        foreach (var (name, value) in values)
        {
            var member = shape.GetMember(name);
            if (member is null || value is null)
            {
                continue;
            }

            var memberPrefix = prefix.Length == 0 ? member.WireName : $"{prefix}.{member.WireName}";
            WriteValue(pairs, member, value, memberPrefix);
        }
    }

    private static void WriteValue(List<KeyValuePair<string, string>> pairs, Member member, JsonNode value, string prefix)
    {
        switch (member.Type)
        {
            case ShapeType.Structure:
                WriteStructure(pairs, member.Shape, value.AsObject(), prefix);
                break;
            case ShapeType.List:
                WriteList(pairs, member, value.AsArray(), prefix);
                break;
            case ShapeType.Map:
                WriteMap(pairs, member, value.AsObject(), prefix);
                break;
            default:
                pairs.Add(new(prefix, XmlShapeSerializer.ScalarText(member, value)));
                break;
        }
    }

    private static void WriteList(List<KeyValuePair<string, string>> pairs, Member member, JsonArray items, string prefix)
    {
        if (items.Count == 0)
        {
            pairs.Add(new(prefix, string.Empty));
            return;
        }

        var inner = member.Shape.ListMember!;
        var listPrefix = ListPrefix(member, prefix);
        var i = 0;
        foreach (var item in items)
        {
            i++;
            if (item is not null)
            {
                WriteValue(pairs, inner, item, $"{listPrefix}.{i}");
            }
        }
    }

    private static void WriteMap(List<KeyValuePair<string, string>> pairs, Member member, JsonObject entries, string prefix)
    {
        var entryPrefix = MapEntryPrefix(member, prefix);
        var key = member.Shape.MapKey!;
        var value = member.Shape.MapValue!;
        var i = 0;
        foreach (var (k, v) in entries)
        {
            i++;
            pairs.Add(new($"{entryPrefix}.{i}.{key.WireName}", k));
            if (v is not null)
            {
                WriteValue(pairs, value, v, $"{entryPrefix}.{i}.{value.WireName}");
            }
        }
    }

    /// <summary>The prefix the items of a list member are numbered under.</summary>
    internal static string ListPrefix(Member member, string prefix)
    {
        var inner = member.Shape.ListMember!;
        if (!member.Flattened)
        {
            return $"{prefix}.{inner.WireName}";
        }

        var explicitName = inner.LocationName ?? inner.Shape.LocationName;
        if (string.IsNullOrEmpty(explicitName))
        {
            return prefix;
        }

        var dot = prefix.LastIndexOf('.');
        return dot < 0 ? explicitName : $"{prefix[..dot]}.{explicitName}";
    }

    /// <summary>The prefix the entries of a map member are numbered under.</summary>
    internal static string MapEntryPrefix(Member member, string prefix) => member.Flattened ? prefix : $"{prefix}.entry";
}
