// The XML body format shared by the query protocol (responses) and rest-xml (requests and responses),
// written and read the way botocore's RestXMLSerializer and BaseXMLResponseParser do:
//
// - A structure member is an element named by its wire name (member locationName, else the target
//   shape's, else the member name). Members bound elsewhere (headers, uri, status code) are skipped.
// - A list is wrapped, <Name><member>..</member></Name>, the inner name being the list member's
//   locationName (default "member"); or flattened, the elements repeating in the parent. A flattened
//   list's elements take the list member's locationName when it has one (botocore's parser rule, which
//   is what AWS sends: SQS <BatchResultErrorEntry>), else the structure member's wire name.
// - A map is <Name><entry><key/><value/></entry>..</Name>, or flattened <Name><key/><value/></Name>
//   repeated; key and value names come from their locationName.
// - xmlAttribute members are attributes of their structure's element (S3 Grantee xsi:type); a
//   structure's xmlNamespace becomes xmlns or xmlns:prefix on its element.
// - Scalars: booleans true/false, timestamps iso8601 unless timestampFormat says otherwise, blobs base64
//   (the neutral tree already holds base64 text).
//
// Reading ignores element namespaces and unknown elements, as AWS and botocore do. Bad values throw
// FormatException; each codec maps that to its protocol's error.
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Doqutore.Aws.Models;

namespace Doqutore.Aws.Protocols.Xml;

/// <summary>The neutral tree to and from XML elements, per shape; see the file header for the rules.</summary>
public static class XmlShapeSerializer
{
    /// <summary>A new root element with the namespace (default or prefixed) the shape or member declares.</summary>
    public static XElement CreateRoot(string name, XmlNamespace? ns)
    {
        if (ns is null || ns.Uri.Length == 0)
        {
            return new XElement(name);
        }

        if (string.IsNullOrEmpty(ns.Prefix))
        {
            return new XElement(XNamespace.Get(ns.Uri) + name);
        }

        return new XElement(name, new XAttribute(XNamespace.Xmlns + ns.Prefix, ns.Uri));
    }

    /// <summary>Writes the body members of a structure value into <paramref name="element"/>.</summary>
    public static void WriteMembers(XElement element, Shape structure, JsonObject values)
    {
        foreach (var member in structure.Members)
        {
            if (member.Location != MemberLocation.Body || !values.TryGetPropertyValue(member.Name, out var value) || value is null)
            {
                continue;
            }

            if (member.XmlAttribute)
            {
                element.SetAttributeValue(AttributeName(element, member.WireName), ScalarText(member, value));
                continue;
            }

            WriteMember(element, member, value, ElementName(member));
        }
    }

    /// <summary>Writes one value as child element(s) of <paramref name="parent"/> named <paramref name="name"/>.</summary>
    public static void WriteMember(XElement parent, Member member, JsonNode value, string name)
    {
        var ns = parent.Name.Namespace;
        switch (member.Type)
        {
            case ShapeType.Structure:
                parent.Add(WriteStructure(ns, name, member, value.AsObject()));
                break;
            case ShapeType.List:
                WriteList(parent, member, value.AsArray(), name);
                break;
            case ShapeType.Map:
                WriteMap(parent, member, value.AsObject(), name);
                break;
            default:
                parent.Add(new XElement(ns + name, ScalarText(member, value)));
                break;
        }
    }

    /// <summary>Reads the body members of a structure from its element.</summary>
    public static JsonObject ReadMembers(XElement element, Shape structure)
    {
        var children = element.Elements().ToLookup(e => e.Name.LocalName, StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var member in structure.Members)
        {
            if (member.Location != MemberLocation.Body)
            {
                continue;
            }

            if (member.XmlAttribute)
            {
                var attribute = FindAttribute(element, member.WireName);
                if (attribute is not null)
                {
                    result[member.Name] = ReadScalar(member, attribute.Value);
                }

                continue;
            }

            var nodes = children[ElementName(member)].ToList();
            if (nodes.Count == 0 && member.Type == ShapeType.List && member.Flattened)
            {
                // Be lenient the other way round too: botocore's serializer names flattened elements
                // after the structure member.
                nodes = children[member.WireName].ToList();
            }

            if (nodes.Count == 0)
            {
                continue;
            }

            result[member.Name] = ReadValue(member, nodes);
        }

        return result;
    }

    /// <summary>Reads one member from its element(s): several for a flattened list or map, else the first.</summary>
    public static JsonNode ReadValue(Member member, IReadOnlyList<XElement> nodes) => member.Type switch
    {
        ShapeType.Structure => ReadMembers(nodes[0], member.Shape),
        ShapeType.List => ReadList(member, nodes),
        ShapeType.Map => ReadMap(member, nodes),
        _ => ReadScalar(member, nodes[0].Value),
    };

    /// <summary>The element name of a structure member (see the file header for flattened lists).</summary>
    public static string ElementName(Member member)
    {
        if (member.Type == ShapeType.List && member.Flattened)
        {
            var inner = member.Shape.ListMember!;
            return inner.LocationName ?? inner.Shape.LocationName ?? member.WireName;
        }

        return member.WireName;
    }

    /// <summary>A scalar as wire text (the tree keeps blobs as base64 already).</summary>
    public static string ScalarText(Member member, JsonNode value) =>
        ScalarValues.ToText(member.Shape, value, member.TimestampFormat ?? Timestamps.Iso8601);

    /// <summary>Wire text into a tree scalar; throws <see cref="FormatException"/> naming the member.</summary>
    public static JsonNode ReadScalar(Member member, string text)
    {
        try
        {
            if (member.Type == ShapeType.Blob)
            {
                _ = Convert.FromBase64String(text);
                return JsonValue.Create(text);
            }

            return ScalarValues.FromText(member.Shape, text, member.TimestampFormat ?? Timestamps.Iso8601);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new FormatException($"Value '{text}' is not a valid {TypeName(member.Type)}.", e);
        }
    }

    internal static string TypeName(ShapeType type) => type switch
    {
        ShapeType.Integer => "integer",
        ShapeType.Long => "long",
        ShapeType.Float => "float",
        ShapeType.Double => "double",
        ShapeType.Boolean => "boolean",
        ShapeType.Timestamp => "timestamp",
        ShapeType.Blob => "base64 blob",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static XElement WriteStructure(XNamespace parentNs, string name, Member member, JsonObject value)
    {
        var ns = member.XmlNamespace;
        XElement element;
        if (ns is not null && ns.Uri.Length > 0 && string.IsNullOrEmpty(ns.Prefix))
        {
            element = new XElement(XNamespace.Get(ns.Uri) + name);
        }
        else
        {
            element = new XElement(parentNs + name);
            if (ns is not null && !string.IsNullOrEmpty(ns.Prefix))
            {
                element.SetAttributeValue(XNamespace.Xmlns + ns.Prefix, ns.Uri);
            }
        }

        WriteMembers(element, member.Shape, value);
        return element;
    }

    private static void WriteList(XElement parent, Member member, JsonArray items, string name)
    {
        var inner = member.Shape.ListMember!;
        XElement container;
        string itemName;
        if (member.Flattened)
        {
            container = parent;
            itemName = name;
        }
        else
        {
            container = new XElement(parent.Name.Namespace + name);
            parent.Add(container);
            itemName = inner.WireName;
        }

        foreach (var item in items)
        {
            if (item is not null)
            {
                WriteMember(container, inner, item, itemName);
            }
        }
    }

    private static void WriteMap(XElement parent, Member member, JsonObject entries, string name)
    {
        var ns = parent.Name.Namespace;
        var key = member.Shape.MapKey!;
        var value = member.Shape.MapValue!;
        XElement? wrapper = null;
        if (!member.Flattened)
        {
            wrapper = new XElement(ns + name);
            parent.Add(wrapper);
        }

        foreach (var (k, v) in entries)
        {
            if (v is null)
            {
                continue;
            }

            var entry = new XElement(ns + (member.Flattened ? name : "entry"), new XElement(ns + key.WireName, k));
            WriteMember(entry, value, v, value.WireName);
            (wrapper ?? parent).Add(entry);
        }
    }

    private static JsonArray ReadList(Member member, IReadOnlyList<XElement> nodes)
    {
        var inner = member.Shape.ListMember!;

        // Wrapped: every child of the one element is an item, whatever its name (as botocore reads it).
        var items = member.Flattened ? nodes : nodes[0].Elements().ToList();
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(ReadValue(inner, [item]));
        }

        return array;
    }

    private static JsonObject ReadMap(Member member, IReadOnlyList<XElement> nodes)
    {
        var keyMember = member.Shape.MapKey!;
        var valueMember = member.Shape.MapValue!;
        var entries = member.Flattened ? nodes : nodes[0].Elements().ToList();
        var map = new JsonObject();
        foreach (var entry in entries)
        {
            var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == keyMember.WireName);
            var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == valueMember.WireName);
            if (key is null)
            {
                throw new FormatException($"A map entry has no <{keyMember.WireName}> element.");
            }

            if (value is not null)
            {
                map[key.Value] = ReadValue(valueMember, [value]);
            }
        }

        return map;
    }

    private static XName AttributeName(XElement element, string wireName)
    {
        var colon = wireName.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return wireName;
        }

        var ns = element.GetNamespaceOfPrefix(wireName[..colon]);
        return ns is null ? wireName[(colon + 1)..] : ns + wireName[(colon + 1)..];
    }

    private static XAttribute? FindAttribute(XElement element, string wireName)
    {
        var local = wireName[(wireName.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return element.Attributes().FirstOrDefault(a => !a.IsNamespaceDeclaration && a.Name.LocalName == local);
    }
}
