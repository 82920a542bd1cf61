using System.Text.Json;
using System.Text.Json.Nodes;

namespace Doqutore.Aws.Models;

/// <summary>
/// Reads the aws-sdk minified model format. There, a member is either a reference
/// (<c>{"shape":"S5", "locationName":"x"}</c>) or an inline shape (<c>{"type":"list","member":{…}}</c>),
/// and a member without <c>type</c> or <c>shape</c> is a string.
/// </summary>
internal static class ServiceModelReader
{
    public static ServiceModel Read(string id, JsonObject root)
    {
        var metadata = ReadMetadata(root["metadata"]!.AsObject());

        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var rawShapes = root["shapes"]?.AsObject() ?? [];

        // Named shapes first without their children, so that references (and cycles) resolve.
        foreach (var (name, node) in rawShapes)
        {
            shapes[name] = new Shape(name, TypeOf(node!.AsObject()));
        }

        foreach (var (name, node) in rawShapes)
        {
            Fill(shapes[name], node!.AsObject(), shapes);
        }

        var operations = new Dictionary<string, Operation>(StringComparer.Ordinal);
        foreach (var (name, node) in root["operations"]!.AsObject())
        {
            var raw = node!.AsObject();
            var op = new Operation(name);
            if (raw["http"] is JsonObject http)
            {
                op.HttpMethod = (string?)http["method"] ?? "POST";
                op.RequestUri = (string?)http["requestUri"] ?? "/";
                op.ResponseCode = (int?)http["responseCode"] ?? 200;
            }

            if (raw["input"] is JsonObject input)
            {
                op.Input = ShapeOf(input, shapes);
            }

            if (raw["output"] is JsonObject output)
            {
                op.Output = ShapeOf(output, shapes);
                op.ResultWrapper = (string?)output["resultWrapper"];
            }

            op.HostPrefix = (string?)raw["endpoint"]?["hostPrefix"];
            op.HttpChecksumRequired = raw.ContainsKey("httpChecksumRequired") || ((bool?)raw["httpChecksum"]?["requestChecksumRequired"] ?? false);
            op.AuthType = ServiceQuirks.UnsignedOperations.Contains((id, name)) ? "none" : (string?)raw["authtype"];
            op.Deprecated = (bool?)raw["deprecated"] ?? false;
            operations[name] = op;
        }

        return new ServiceModel(id, metadata, operations, shapes);
    }

    /// <summary>The metadata block alone.</summary>
    public static ServiceMetadata ReadMetadata(JsonObject meta) => new()
    {
        ApiVersion = (string)meta["apiVersion"]!,
        EndpointPrefix = (string)meta["endpointPrefix"]!,
        Protocol = ProtocolNames.Parse((string)meta["protocol"]!),
        SigningName = (string?)meta["signingName"] ?? (string)meta["endpointPrefix"]!,
        JsonVersion = (string?)meta["jsonVersion"],
        TargetPrefix = (string?)meta["targetPrefix"],
        ServiceId = (string?)meta["serviceId"],
        ServiceFullName = (string?)meta["serviceFullName"],
        XmlNamespace = (string?)meta["xmlNamespace"],
        GlobalEndpoint = (string?)meta["globalEndpoint"],
        Uid = (string?)meta["uid"],
        AwsQueryCompatible = meta.ContainsKey("awsQueryCompatible"),
        };

    /// <summary>
    /// Reads only the <c>metadata</c> block of a model's JSON (it comes first in the file), so that routing
    /// tables can be built without parsing a megabyte of shapes at start-up.
    /// </summary>
    public static ServiceMetadata ReadMetadataOnly(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                return ReadMetadata(JsonNode.Parse(ref reader)!.AsObject());
            }
        }

        throw new InvalidDataException("The model has no metadata block.");
    }

    private static ShapeType TypeOf(JsonObject raw) => (string?)raw["type"] switch
    {
        null or "string" or "character" => ShapeType.String,
        "structure" => ShapeType.Structure,
        "list" => ShapeType.List,
        "map" => ShapeType.Map,
        "integer" or "short" or "byte" => ShapeType.Integer,
        "long" or "bigInteger" => ShapeType.Long,
        "float" => ShapeType.Float,
        "double" or "bigDecimal" => ShapeType.Double,
        "boolean" => ShapeType.Boolean,
        "timestamp" => ShapeType.Timestamp,
        "blob" => ShapeType.Blob,
        var other => throw new NotSupportedException($"Shape type '{other}' is not supported."),
    };

    /// <summary>The shape a reference points to, or a new inline shape.</summary>
    private static Shape ShapeOf(JsonObject raw, Dictionary<string, Shape> shapes)
    {
        if (raw["shape"] is JsonValue reference)
        {
            var name = (string)reference!;
            return shapes.TryGetValue(name, out var named)
                ? named
                : throw new InvalidDataException($"Shape '{name}' is referenced but not defined.");
        }

        var inline = new Shape(null, TypeOf(raw));
        Fill(inline, raw, shapes);
        return inline;
    }

    private static void Fill(Shape shape, JsonObject raw, Dictionary<string, Shape> shapes)
    {
        shape.Raw = raw;
        shape.Flattened = (bool?)raw["flattened"] ?? false;
        shape.LocationName = (string?)raw["locationName"];
        shape.XmlNamespace = NamespaceOf(raw);
        shape.TimestampFormat = (string?)raw["timestampFormat"];
        shape.Streaming = (bool?)raw["streaming"] ?? false;
        shape.Sensitive = (bool?)raw["sensitive"] ?? false;
        shape.JsonValue = (bool?)raw["jsonvalue"] ?? false;
        shape.EventStream = ((bool?)raw["eventstream"] ?? false) || ((bool?)raw["event"] ?? false);
        shape.Payload = (string?)raw["payload"];
        if (raw["enum"] is JsonArray values)
        {
            shape.Enum = values.Select(v => (string)v!).ToArray();
        }

        switch (shape.Type)
        {
            case ShapeType.Structure:
                shape.Required = new HashSet<string>(
                    (raw["required"] as JsonArray)?.Select(r => (string)r!) ?? [], StringComparer.Ordinal);
                foreach (var (name, node) in raw["members"]?.AsObject() ?? [])
                {
                    shape.AddMember(MemberOf(name, node!.AsObject(), shapes));
                }

                break;
            case ShapeType.List:
                shape.ListMember = MemberOf("member", raw["member"]?.AsObject() ?? [], shapes);
                break;
            case ShapeType.Map:
                shape.MapKey = MemberOf("key", raw["key"]?.AsObject() ?? [], shapes);
                shape.MapValue = MemberOf("value", raw["value"]?.AsObject() ?? [], shapes);
                break;
        }
    }

    private static Member MemberOf(string name, JsonObject raw, Dictionary<string, Shape> shapes)
    {
        var target = ShapeOf(raw, shapes);
        var isInline = raw["shape"] is null;
        var member = new Member(name, target)
        {
            Location = (string?)raw["location"] switch
            {
                null => MemberLocation.Body,
                "header" => MemberLocation.Header,
                "headers" => MemberLocation.Headers,
                "uri" => MemberLocation.Uri,
                "querystring" => MemberLocation.QueryString,
                "statusCode" => MemberLocation.StatusCode,
                var other => throw new NotSupportedException($"Member location '{other}' is not supported."),
            },
            QueryName = (string?)raw["queryName"],
            XmlAttribute = (bool?)raw["xmlAttribute"] ?? false,
            IdempotencyToken = (bool?)raw["idempotencyToken"] ?? false,
            HostLabel = (bool?)raw["hostLabel"] ?? false,
            Deprecated = (bool?)raw["deprecated"] ?? false,
            SensitiveOverride = (bool?)raw["sensitive"] ?? false,
        };

        // For an inline shape the traits were read onto the shape itself; a reference carries overrides.
        if (!isInline)
        {
            member.LocationName = (string?)raw["locationName"];
            member.FlattenedOverride = (bool?)raw["flattened"];
            member.XmlNamespaceOverride = NamespaceOf(raw);
            member.TimestampFormatOverride = (string?)raw["timestampFormat"];
            member.StreamingOverride = (bool?)raw["streaming"] ?? false;
            member.JsonValueOverride = (bool?)raw["jsonvalue"] ?? false;
        }
        else
        {
            member.LocationName = target.LocationName;
        }

        return member;
    }

    private static XmlNamespace? NamespaceOf(JsonObject raw) => raw["xmlNamespace"] switch
    {
        JsonObject ns => new XmlNamespace((string?)ns["uri"] ?? string.Empty, (string?)ns["prefix"]),
        JsonValue uri => new XmlNamespace((string)uri!, null),
        _ => null,
    };
}
