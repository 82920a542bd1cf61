// Generated operation inputs and outputs, driven only by the shapes of a service model.
//
// Shared by the codec sweep tests (Doqutore.Aws.Tests) and the gateway fuzzer (Doqutore.IntegrationTests,
// which compiles this file through a <Compile Link>): one generator, two consumers.
//
// The XML style (query and rest-xml) differs where XML cannot express the JSON tree: an empty structure, list
// or map has no form (it is left out), and a structure's XML attributes have nowhere to go at the top level.
//
// Without a Random the sample is fixed: a value for every member, recursion cut at depth 3, values chosen to
// survive every location (uri labels, headers, query strings, bodies), so a round trip compares equal. With a
// Random the same walk varies the values: optional members dropped, lists and maps of 0-3 entries, random
// strings, numbers, timestamps, blobs and enum values. Random values stay printable ASCII in places that end
// up in the request line or headers, so that a valid request is still a sendable one; the fuzzer garbles
// them afterwards on purpose.
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;

namespace Doqutore.Aws.Tests.Shared;

/// <summary>Sample values for the shapes of a service model (see the file header).</summary>
internal static class ModelSamples
{
    /// <summary>Samples for JSON documents (json, rest-json) or for XML and forms (query, rest-xml).</summary>
    public enum Style
    {
        Json,
        Xml,
    }

    private const string Ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.~/:+=,@!*()'";
    private static readonly string[] BodyOnlyText = ["é", "ß", "€", "日本", "😀", "\"", "\\", "<", ">", "&", "\t", "\n"];

    /// <summary>The fixed sample of a top-level input or output structure.</summary>
    public static JsonObject Fixed(Shape structure, Style style = Style.Json) =>
        (JsonObject)new Walk(style, null).Sample(structure, null, 0, top: true, inBody: true)!;

    /// <summary>A random sample of a top-level input or output structure; the same seed gives the same tree.</summary>
    public static JsonObject Random(Shape structure, Random random, Style style = Style.Json) =>
        (JsonObject)new Walk(style, random).Sample(structure, null, 0, top: true, inBody: true)!;

    /// <summary>The sample of a protocol's style.</summary>
    public static Style StyleOf(Protocol protocol) => protocol is Protocol.Query or Protocol.RestXml ? Style.Xml : Style.Json;

    private sealed class Walk(Style style, Random? random)
    {
        public JsonNode? Sample(Shape shape, Member? member, int depth, bool top, bool inBody)
        {
            var xml = style == Style.Xml;
            switch (shape.Type)
            {
                case ShapeType.Structure:
                    var obj = new JsonObject();
                    if (depth > 3)
                    {
                        return xml ? null : obj;
                    }

                    foreach (var m in shape.Members)
                    {
                        if (m.Streaming || m.Shape.EventStream || (xml && m.XmlAttribute && depth == 0))
                        {
                            continue;
                        }

                        if (m.Location == MemberLocation.StatusCode)
                        {
                            obj[m.Name] = 200L;
                            continue;
                        }

                        // Random samples drop a third of the optional members; uri labels always stay.
                        if (random is not null && !shape.Required.Contains(m.Name) && m.Location != MemberLocation.Uri && random.Next(3) == 0)
                        {
                            continue;
                        }

                        if (top && m.Location == MemberLocation.QueryString && m.Type == ShapeType.Map)
                        {
                            // A querystring map takes keys nothing else binds.
                            obj[m.Name] = m.Shape.MapValue!.Type == ShapeType.List
                                ? new JsonObject { ["qmapkey"] = new JsonArray("a", "b") }
                                : new JsonObject { ["qmapkey"] = "v" };
                            continue;
                        }

                        var memberInBody = inBody && (!top || m.Location == MemberLocation.Body);
                        if (Sample(m.Shape, m, depth + 1, top: false, memberInBody) is { } value)
                        {
                            obj[m.Name] = value;
                        }
                    }

                    return xml && obj.Count == 0 && depth > 0 ? null : obj;
                case ShapeType.List:
                    if (depth > 3)
                    {
                        return xml ? null : new JsonArray();
                    }

                    var list = new JsonArray();
                    var items = random is null ? 1 : random.Next(4);
                    for (var i = 0; i < items; i++)
                    {
                        var item = Sample(shape.ListMember!.Shape, shape.ListMember, depth + 1, top: false, inBody);
                        if (item is not null || !xml)
                        {
                            list.Add(item);
                        }
                    }

                    return xml && list.Count == 0 ? null : list;
                case ShapeType.Map:
                    if (depth > 3)
                    {
                        return xml ? null : new JsonObject();
                    }

                    var map = new JsonObject();
                    var entries = random is null ? 1 : random.Next(4);
                    for (var i = 0; i < entries; i++)
                    {
                        var key = random is null ? "mapkey" : "mapkey" + RandomText(random, Ascii[..62], 1, 6);
                        var value = Sample(shape.MapValue!.Shape, shape.MapValue, depth + 1, top: false, inBody);
                        if (value is not null || !xml)
                        {
                            map[key] = value;
                        }
                    }

                    return xml && map.Count == 0 ? null : map;
                case ShapeType.Boolean:
                    return random is null || random.Next(2) == 0;
                case ShapeType.Integer:
                    return random is null ? 42L : (long)random.Next(int.MinValue, int.MaxValue);
                case ShapeType.Long:
                    return random is null ? 42L : random.NextInt64(long.MinValue, long.MaxValue);
                case ShapeType.Float or ShapeType.Double:
                    return random is null ? 1.25 : Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(12)), 3);
                case ShapeType.Timestamp:
                    return random is null
                        ? new DateTimeOffset(2024, 2, 3, 4, 5, 6, TimeSpan.Zero)
                        : DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 4102444800));
                case ShapeType.Blob:
                    return random is null ? "AQID" : Convert.ToBase64String(RandomBytes(random, random.Next(1, 12)));
                default:
                    if (member?.JsonValue == true)
                    {
                        return """{"a":1}""";
                    }

                    if (random is null)
                    {
                        return "v a/l";
                    }

                    if (shape.Enum.Count > 0 && random.Next(4) != 0)
                    {
                        return shape.Enum[random.Next(shape.Enum.Count)];
                    }

                    var text = RandomText(random, Ascii, 1, 24);
                    return inBody && random.Next(4) == 0 ? text + BodyOnlyText[random.Next(BodyOnlyText.Length)] : text;
            }
        }
    }

    private static string RandomText(Random random, string alphabet, int min, int max)
    {
        var text = new StringBuilder();
        var length = random.Next(min, max + 1);
        for (var i = 0; i < length; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
