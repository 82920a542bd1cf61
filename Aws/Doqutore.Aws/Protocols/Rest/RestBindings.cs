// The HTTP binding layer of the REST protocols (restJson1, restXml), both directions, independent of the
// body format.
//
// A REST input or output shape spreads its members over the request or response: uri labels, query
// string members, headers, prefix-header maps (S3 x-amz-meta-*), the status code, and the body. The body is
// either the payload member (Shape.Payload: a blob or string is the raw body, a structure is a document), or
// a document of the members left in the body. Everything but the document itself is done here, as botocore's
// BaseRestSerializer and BaseRestParser do; the document is written and read by an IRestBodyFormat.
//
// Fidelity notes (botocore): a querystring map takes the query keys no other member binds; a map of lists
// takes every value of the key; empty header lists are not sent; a structure payload without value and a
// shape with body members but no values send the format's empty document ({} in JSON, nothing in XML);
// blob and string payloads get no content type from this layer.
using System.Text;
using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.Rest;

/// <summary>Binds REST operations' inputs and outputs to HTTP requests and responses, both directions.</summary>
public static class RestBindings
{
    /// <summary>
    /// The operation a request is: among operations with the request's method (exact) whose URI template
    /// matches, the most specific template; null when none matches.
    /// </summary>
    /// <remarks>
    /// Templates can tie: the aws-sdk models dropped S3's <c>x-id</c> literals, so PutObject, CopyObject,
    /// UploadPart and UploadPartCopy all read <c>PUT /{Bucket}/{Key+}</c>. Ties are broken by the model alone:
    /// fewest required query and header members missing, then most of them present (CopyObject needs
    /// <c>x-amz-copy-source</c>, UploadPart <c>partNumber</c> and <c>uploadId</c>), then not deprecated, then
    /// model order. Before those, an <c>x-id</c> (<see cref="ServiceQuirks.OptionalQueryLiterals"/>) naming the
    /// operation wins, as botocore sends it.
    /// </remarks>
    public static Operation? ResolveOperation(ServiceModel model, WireRequest request)
    {
        Operation? best = null;
        (int Specificity, int NamedById, int Missing, int Present, int Current) bestScore = default;
        foreach (var operation in model.Operations.Values)
        {
            if (!string.Equals(operation.HttpMethod, request.Method, StringComparison.OrdinalIgnoreCase)
                || MatchLabels(operation, request) is null)
            {
                continue;
            }

            var (missing, present) = CountRequiredBindings(operation, request);
            var namedById = ServiceQuirks.OptionalQueryLiterals.Any(key => request.QueryLookup[key].Contains(operation.Name, StringComparer.Ordinal));
            var score = (operation.Uri.Specificity, namedById ? 1 : 0, -missing, present, operation.Deprecated ? 0 : 1);
            if (best is null || score.CompareTo(bestScore) > 0)
            {
                best = operation;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>
    /// Matches the request against the operation's URI template, taking query literals that SDKs send but
    /// services do not require (<see cref="ServiceQuirks.OptionalQueryLiterals"/>: <c>x-id</c>) as present
    /// when the request leaves them out; returns the label values or null.
    /// </summary>
    public static Dictionary<string, string>? MatchLabels(Operation operation, WireRequest request)
    {
        var template = operation.Uri;

        // Resolution tries every operation of the request's method: only a template with an optional literal
        // the request left out needs a query of its own.
        List<KeyValuePair<string, string>>? missing = null;
        foreach (var (key, value) in template.QueryLiterals)
        {
            if (ServiceQuirks.OptionalQueryLiterals.Contains(key) && !request.QueryLookup.Contains(key))
            {
                (missing ??= []).Add(new(key, value ?? string.Empty));
            }
        }

        var query = missing is null
            ? request.QueryLookup
            : request.Query.Concat(missing).ToLookup(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return template.Match(request.RawPath, query);
    }

    private static (int Missing, int Present) CountRequiredBindings(Operation operation, WireRequest request)
    {
        var (missing, present) = (0, 0);
        foreach (var member in operation.Input?.Members ?? [])
        {
            if (!operation.Input!.Required.Contains(member.Name))
            {
                continue;
            }

            var found = member.Location switch
            {
                MemberLocation.Header => request.Headers.Contains(member.WireName),
                MemberLocation.QueryString when member.Type != ShapeType.Map => request.QueryLookup.Contains(member.WireName),
                _ => (bool?)null,
            };
            if (found == true)
            {
                present++;
            }
            else if (found == false)
            {
                missing++;
            }
        }

        return (missing, present);
    }

    /// <summary>Emulator side: reads a request into the operation's input.</summary>
    public static OperationData ParseRequest(Operation operation, WireRequest request, IRestBodyFormat format)
    {
        var data = new OperationData();
        var shape = operation.Input;
        if (shape is null)
        {
            return data;
        }

        var values = data.Values;
        var labels = MatchLabels(operation, request) ?? [];
        var boundQueryKeys = new HashSet<string>(operation.Uri.QueryLiterals.Select(q => q.Key), StringComparer.Ordinal);
        foreach (var member in shape.Members.Where(m => m.Location == MemberLocation.QueryString && m.Type != ShapeType.Map))
        {
            boundQueryKeys.Add(member.WireName);
        }

        // The body first, so that members bound elsewhere win over stray body keys.
        ReadBody(new RestDocumentBody(shape, request.Body, request.BodyStream), format, data);

        foreach (var member in shape.Members)
        {
            switch (member.Location)
            {
                case MemberLocation.Uri:
                    if (labels.TryGetValue(member.WireName, out var label))
                    {
                        values[member.Name] = RestValues.ScalarFromText(member, member.Shape, label, format, "uri label");
                    }

                    break;
                case MemberLocation.QueryString:
                    var query = ReadQueryMember(member, request, boundQueryKeys, format);
                    if (query is not null)
                    {
                        values[member.Name] = query;
                    }

                    break;
                case MemberLocation.Header:
                    var header = ReadHeaderMember(member, request.Headers, format);
                    if (header is not null)
                    {
                        values[member.Name] = header;
                    }

                    break;
                case MemberLocation.Headers:
                    var map = ReadPrefixHeaders(member, request.Headers);
                    if (map is not null)
                    {
                        values[member.Name] = map;
                    }

                    break;
                default:
                    break;
            }
        }

        return data;
    }

    /// <summary>Client side: builds the request for an operation (not signed) against an endpoint.</summary>
    public static WireRequest SerializeRequest(Operation operation, OperationData input, Uri endpoint, IRestBodyFormat format)
    {
        var request = new WireRequest
        {
            Method = operation.HttpMethod,
            Scheme = endpoint.Scheme,
            Host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}",
        };
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        var shape = operation.Input;
        var values = input.Values;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new List<KeyValuePair<string, string?>>(operation.Uri.QueryLiterals);

        foreach (var member in shape?.Members ?? [])
        {
            if (values[member.Name] is not { } node)
            {
                continue;
            }

            switch (member.Location)
            {
                case MemberLocation.Uri:
                    labels[member.WireName] = RestValues.ScalarToText(member, member.Shape, node);
                    break;
                case MemberLocation.QueryString:
                    WriteQueryMember(member, node, query);
                    break;
                case MemberLocation.Header:
                    if (RestValues.HeaderToText(member, node) is { } text)
                    {
                        request.Headers[member.WireName] = text;
                    }

                    break;
                case MemberLocation.Headers:
                    foreach (var (key, value) in node.AsObject())
                    {
                        if (value is not null)
                        {
                            request.Headers[member.WireName + key] = ScalarValues.ToText(member.Shape.MapValue!.Shape, value, Timestamps.Rfc822);
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        foreach (var segment in operation.Uri.Segments.Where(s => s.Label is not null))
        {
            if (!labels.ContainsKey(segment.Label!))
            {
                throw new ArgumentException($"Operation {operation.Name} needs a value for its uri label '{segment.Label}'.", nameof(input));
            }
        }

        request.RawPath = basePath + operation.Uri.Expand(labels);
        request.RawQuery = string.Join('&', query.Select(q => q.Value is null
            ? FormEncoding.Encode(q.Key)
            : FormEncoding.Encode(q.Key) + "=" + FormEncoding.Encode(q.Value)));

        if (shape is not null)
        {
            var body = WriteBody(shape, input, format);
            request.Body = body.Bytes;
            request.BodyStream = body.Stream;
            if (body.IsDocument && !body.Bytes.IsEmpty && request.Headers["Content-Type"] is null)
            {
                request.Headers["Content-Type"] = format.ContentType;
            }
        }

        return request;
    }

    /// <summary>Emulator side: writes an operation's output (status code, headers, body).</summary>
    public static WireResponse SerializeResponse(Operation operation, OperationData output, IRestBodyFormat format)
    {
        var response = new WireResponse { StatusCode = output.StatusCode ?? operation.ResponseCode };
        var shape = operation.Output;
        if (shape is null)
        {
            return response;
        }

        foreach (var member in shape.Members)
        {
            if (output.Values[member.Name] is not { } node)
            {
                continue;
            }

            switch (member.Location)
            {
                case MemberLocation.StatusCode:
                    response.StatusCode = (int)ScalarValues.ReadLong(node.AsValue());
                    break;
                case MemberLocation.Header:
                    if (RestValues.HeaderToText(member, node) is { } text)
                    {
                        response.Headers[member.WireName] = text;
                    }

                    break;
                case MemberLocation.Headers:
                    foreach (var (key, value) in node.AsObject())
                    {
                        if (value is not null)
                        {
                            response.Headers[member.WireName + key] = ScalarValues.ToText(member.Shape.MapValue!.Shape, value, Timestamps.Rfc822);
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        var body = WriteBody(shape, output, format);
        response.Body = body.Bytes;
        response.BodyStream = body.Stream;
        if (body.IsDocument && !body.Bytes.IsEmpty && response.Headers["Content-Type"] is null)
        {
            response.Headers["Content-Type"] = format.ContentType;
        }

        return response;
    }

    /// <summary>Client side: reads a successful response into the operation's output.</summary>
    public static OperationData ParseResponse(Operation operation, WireResponse response, IRestBodyFormat format)
    {
        var data = new OperationData();
        var shape = operation.Output;
        if (shape is null)
        {
            return data;
        }

        ReadBody(new RestDocumentBody(shape, response.Body, response.BodyStream) { KeepEmptyPayload = true }, format, data);
        foreach (var member in shape.Members)
        {
            JsonNode? node = member.Location switch
            {
                MemberLocation.StatusCode => JsonValue.Create((long)response.StatusCode),
                MemberLocation.Header => ReadHeaderMember(member, response.Headers, format),
                MemberLocation.Headers => ReadPrefixHeaders(member, response.Headers),
                _ => null,
            };
            if (node is not null)
            {
                data.Values[member.Name] = node;
            }
        }

        return data;
    }

    private static JsonNode? ReadQueryMember(Member member, WireRequest request, HashSet<string> boundKeys, IRestBodyFormat format)
    {
        switch (member.Type)
        {
            case ShapeType.Map:
                var listValues = member.Shape.MapValue!.Type == ShapeType.List;
                var map = new JsonObject();
                foreach (var group in request.QueryLookup.Where(g => !boundKeys.Contains(g.Key)))
                {
                    map[group.Key] = listValues
                        ? new JsonArray(group.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray())
                        : JsonValue.Create(group.First());
                }

                return map.Count == 0 ? null : map;
            case ShapeType.List:
                if (!request.QueryLookup.Contains(member.WireName))
                {
                    return null;
                }

                var element = member.Shape.ListMember!;
                var array = new JsonArray();
                foreach (var value in request.QueryLookup[member.WireName])
                {
                    array.Add(RestValues.ScalarFromText(element, element.Shape, value, format, "query parameter"));
                }

                return array;
            default:
                return request.QueryLookup.Contains(member.WireName)
                    ? RestValues.ScalarFromText(member, member.Shape, request.QueryLookup[member.WireName].First(), format, "query parameter")
                    : null;
        }
    }

    private static void WriteQueryMember(Member member, JsonNode node, List<KeyValuePair<string, string?>> query)
    {
        switch (member.Type)
        {
            case ShapeType.Map:
                var valueShape = member.Shape.MapValue!.Shape;
                foreach (var (key, value) in node.AsObject())
                {
                    if (value is JsonArray list)
                    {
                        query.AddRange(list.Where(v => v is not null).Select(v => new KeyValuePair<string, string?>(key, ScalarValues.ToText(valueShape.ListMember!.Shape, v!, Timestamps.Iso8601))));
                    }
                    else if (value is not null)
                    {
                        query.Add(new(key, ScalarValues.ToText(valueShape, value, Timestamps.Iso8601)));
                    }
                }

                break;
            case ShapeType.List:
                var element = member.Shape.ListMember!;
                foreach (var item in node.AsArray().Where(i => i is not null))
                {
                    query.Add(new(member.WireName, RestValues.ScalarToText(element, element.Shape, item!)));
                }

                break;
            default:
                query.Add(new(member.WireName, RestValues.ScalarToText(member, member.Shape, node)));
                break;
        }
    }

    private static JsonNode? ReadHeaderMember(Member member, WireHeaders headers, IRestBodyFormat format)
    {
        var lines = headers.GetValues(member.WireName).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        return RestValues.HeaderFromText(member, member.Type == ShapeType.List ? string.Join(',', lines) : lines[0], format);
    }

    private static JsonObject? ReadPrefixHeaders(Member member, WireHeaders headers)
    {
        var prefix = member.WireName;
        var map = new JsonObject();
        foreach (var (name, value) in headers)
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                // Header names are case-insensitive; keys come back lowercased, as S3 stores them.
                map[name[prefix.Length..].ToLowerInvariant()] = value;
            }
        }

        return map.Count == 0 ? null : map;
    }

    private static void ReadBody(RestDocumentBody body, IRestBodyFormat format, OperationData data)
    {
        var shape = body.Shape;
        var payload = shape.Payload is { } name ? shape.GetMember(name) : null;
        if (payload?.Shape.EventStream == true)
        {
            // Event streams (InvokeWithResponseStream) are not spoken: their frames are not a document.
            return;
        }
        if (payload is not null && payload.Type is ShapeType.Blob or ShapeType.String)
        {
            if (payload.Streaming)
            {
                data.Stream = body.Stream ?? new MemoryStream(body.Bytes.ToArray(), writable: false);
                data.StreamLength = body.Stream is null ? body.Bytes.Length : null;
                return;
            }

            var bytes = body.Stream is null ? body.Bytes : ReadAll(body.Stream);
            if (bytes.IsEmpty && !body.KeepEmptyPayload)
            {
                return;
            }

            data.Values[payload.Name] = payload.Type == ShapeType.Blob
                ? Convert.ToBase64String(bytes.Span)
                : Encoding.UTF8.GetString(bytes.Span);
            return;
        }

        var document = new RestDocument(shape, payload);
        var content = body.Stream is null ? body.Bytes : ReadAll(body.Stream);
        if (content.IsEmpty || !document.Members.Any())
        {
            return;
        }

        var tree = format.Read(document, content);
        if (payload is not null)
        {
            data.Values[payload.Name] = tree;
            return;
        }

        foreach (var member in document.Members)
        {
            if (tree[member.Name] is { } value)
            {
                tree.Remove(member.Name);
                data.Values[member.Name] = value;
            }
        }
    }

    private static WrittenBody WriteBody(Shape shape, OperationData data, IRestBodyFormat format)
    {
        var payload = shape.Payload is { } name ? shape.GetMember(name) : null;
        if (payload?.Shape.EventStream == true)
        {
            return new(ReadOnlyMemory<byte>.Empty, null, false);
        }

        if (payload is not null && payload.Type is ShapeType.Blob or ShapeType.String)
        {
            if (data.Values[payload.Name] is { } value)
            {
                var text = value.GetValue<string>();
                return new(payload.Type == ShapeType.Blob ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text), null, false);
            }

            return new(ReadOnlyMemory<byte>.Empty, data.Stream, false);
        }

        var document = new RestDocument(shape, payload);
        if (payload is not null)
        {
            return data.Values[payload.Name] is JsonObject payloadValues
                ? new(format.Write(document, payloadValues), null, true)
                : new(format.EmptyDocument, null, true);
        }

        if (!document.Members.Any())
        {
            return new(ReadOnlyMemory<byte>.Empty, null, false);
        }

        return document.Members.Any(m => data.Values[m.Name] is not null)
            ? new(format.Write(document, data.Values), null, true)
            : new(format.EmptyDocument, null, true);
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private sealed record RestDocumentBody(Shape Shape, ReadOnlyMemory<byte> Bytes, Stream? Stream)
    {
        /// <summary>A client keeps an empty blob payload as an empty value (botocore returns b'').</summary>
        public bool KeepEmptyPayload { get; init; }
    }

    private readonly record struct WrittenBody(ReadOnlyMemory<byte> Bytes, Stream? Stream, bool IsDocument);
}
