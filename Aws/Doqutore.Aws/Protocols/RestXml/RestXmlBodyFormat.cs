using System.Text.Json.Nodes;
using System.Xml.Linq;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Rest;
using Doqutore.Aws.Protocols.Xml;

namespace Doqutore.Aws.Protocols.RestXml;

/// <summary>
/// The XML document of restXml bodies, for one operation and direction. A structure payload is rooted at the
/// payload member's name and namespace (<c>&lt;Delete xmlns="…"&gt;</c>); a document of body members at the
/// input shape's locationName (botocore) or, for responses, the root AWS uses
/// (<see cref="ServiceQuirks.RestXmlOutputRoots"/>). An empty document is no body at all.
/// </summary>
public sealed class RestXmlBodyFormat : IRestBodyFormat
{
    public const string S3MalformedXmlMessage = "The XML you provided was not well-formed or did not validate against our published schema";

    private readonly string _rootName;
    private readonly XmlNamespace? _namespace;
    private readonly bool _rootIsMember;
    private readonly bool _isResponse;

    private RestXmlBodyFormat(string rootName, XmlNamespace? ns, bool rootIsMember, bool isResponse)
    {
        _rootName = rootName;
        _namespace = ns;
        _rootIsMember = rootIsMember;
        _isResponse = isResponse;
    }

    /// <summary>The format of an operation's request body (written by clients, read by the emulator).</summary>
    public static RestXmlBodyFormat ForRequest(ServiceModel model, Operation operation) =>
        new(operation.Input?.LocationName ?? operation.Input?.Name ?? $"{operation.Name}Request", operation.Input?.XmlNamespace ?? DefaultNamespace(model), false, false);

    /// <summary>The format of an operation's response body (written by the emulator, read by clients).</summary>
    public static RestXmlBodyFormat ForResponse(ServiceModel model, Operation operation)
    {
        var key = (model.Id, operation.Name);
        var root = ServiceQuirks.RestXmlOutputRoots.TryGetValue(key, out var name)
            ? name
            : operation.Output?.LocationName ?? $"{operation.Name}Result";
        return new(root, operation.Output?.XmlNamespace ?? DefaultNamespace(model), ServiceQuirks.RestXmlRootIsMember.Contains(key), true);
    }

    /// <summary>The service's xmlns: the model's, else <see cref="ServiceQuirks.RestXmlNamespaces"/>.</summary>
    public static XmlNamespace? DefaultNamespace(ServiceModel model) =>
        model.Metadata.XmlNamespace is { } uri ? new XmlNamespace(uri, null)
        : ServiceQuirks.RestXmlNamespaces.TryGetValue(model.Id, out var known) ? new XmlNamespace(known, null)
        : null;

    public string ContentType => "application/xml";

    public ReadOnlyMemory<byte> EmptyDocument => ReadOnlyMemory<byte>.Empty;

    public ReadOnlyMemory<byte> Write(RestDocument document, JsonObject values)
    {
        XElement root;
        if (document.Payload is { } payload)
        {
            // botocore writes xmlns only where the model declares it; responses carry the service's always.
            root = XmlShapeSerializer.CreateRoot(payload.WireName, payload.XmlNamespace ?? (_isResponse ? _namespace : null));
            XmlShapeSerializer.WriteMembers(root, payload.Shape, values);
        }
        else if (_rootIsMember && document.Members.FirstOrDefault() is { } single)
        {
            root = XmlShapeSerializer.CreateRoot(_rootName, _namespace);
            if (values[single.Name] is { } value)
            {
                root.Value = XmlShapeSerializer.ScalarText(single, value);
            }
        }
        else
        {
            root = XmlShapeSerializer.CreateRoot(_rootName, _namespace);
            XmlShapeSerializer.WriteMembers(root, document.Shape, values);
        }

        return XmlDocuments.ToBytes(root, declaration: _isResponse);
    }

    public JsonObject Read(RestDocument document, ReadOnlyMemory<byte> body)
    {
        try
        {
            var root = XmlDocuments.Load(body);
            if (_rootIsMember && document.Payload is null && !root.HasElements && document.Members.FirstOrDefault() is { } single)
            {
                return new JsonObject { [single.Name] = XmlShapeSerializer.ReadScalar(single, root.Value) };
            }

            return XmlShapeSerializer.ReadMembers(root, document.DocumentShape);
        }
        catch (FormatException e)
        {
            throw _isResponse
                ? new AwsServiceException("MalformedResponse", $"Unable to parse the response body: {e.Message}", 500, senderFault: false)
                : new AwsServiceException("MalformedXML", S3MalformedXmlMessage);
        }
    }

    public AwsServiceException MalformedInput(string message) => new("InvalidArgument", message);
}
