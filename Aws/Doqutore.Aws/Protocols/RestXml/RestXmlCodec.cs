// restXml (S3), both directions: the HTTP bindings of RestBindings with the XML documents of
// RestXmlBodyFormat.
//
// Every response carries x-amz-request-id and x-amz-id-2 (the host id). Errors are
//   <Error><Code/><Message/>..details..<RequestId/><HostId/></Error>
// with Content-Type application/xml and no namespace. A HEAD error has no body on the wire (HTTP forbids
// one); the client reads such an error from its status (404 is NotFound, as the AWS SDKs name it).
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Rest;
using Doqutore.Aws.Protocols.Xml;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.RestXml;

/// <summary>The restXml codec (see the file header).</summary>
public sealed class RestXmlCodec : IProtocolCodec
{
    public const string RequestIdHeader = "x-amz-request-id";
    public const string HostIdHeader = "x-amz-id-2";

    public Protocol Protocol => Protocol.RestXml;

    public Operation? ResolveOperation(ServiceModel model, WireRequest request) => RestBindings.ResolveOperation(model, request);

    public AwsServiceException UnknownOperation(ServiceModel model, WireRequest request) =>
        new("MethodNotAllowed", "The specified method is not allowed against this resource.", 405)
        {
            Details = new() { ["Method"] = request.Method, ["ResourceType"] = request.RawPath.Trim('/').Contains('/', StringComparison.Ordinal) ? "OBJECT" : "BUCKET" },
        };

    public OperationData ParseRequest(ServiceModel model, Operation operation, WireRequest request) =>
        RestBindings.ParseRequest(operation, request, RestXmlBodyFormat.ForRequest(model, operation));

    public WireResponse SerializeResponse(ServiceModel model, Operation operation, OperationData output, string requestId)
    {
        var response = RestBindings.SerializeResponse(operation, output, RestXmlBodyFormat.ForResponse(model, operation));
        AddRequestIds(response, requestId);
        return response;
    }

    public WireResponse SerializeError(ServiceModel model, AwsServiceException error, string requestId)
    {
        var root = new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message));
        XmlErrorDetails.Write(root, error.Details);
        root.Add(new XElement("RequestId", requestId), new XElement("HostId", HostId(requestId)));
        var response = new WireResponse
        {
            StatusCode = error.StatusCode,
            Body = XmlDocuments.ToBytes(root, declaration: true),
        };
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers["Content-Type"] = "application/xml";
        AddRequestIds(response, requestId);
        return response;
    }

    public WireRequest SerializeRequest(ServiceModel model, Operation operation, OperationData input, Uri endpoint) =>
        RestBindings.SerializeRequest(operation, input, endpoint, RestXmlBodyFormat.ForRequest(model, operation));

    public OperationData ParseResponse(ServiceModel model, Operation operation, WireResponse response) =>
        RestBindings.ParseResponse(operation, response, RestXmlBodyFormat.ForResponse(model, operation));

    public AwsServiceException ParseError(ServiceModel model, WireResponse response)
    {
        var requestId = response.Headers[RequestIdHeader];
        if (response.Body.IsEmpty)
        {
            return XmlErrorDetails.FromStatus(response, requestId);
        }

        XElement root;
        try
        {
            root = XmlDocuments.Load(response.Body);
        }
        catch (FormatException)
        {
            return XmlErrorDetails.FromStatus(response, requestId);
        }

        // S3's <Error> root; other rest-xml services wrap it in <ErrorResponse>.
        var error = root.Name.LocalName == "Error"
            ? root
            : root.Elements().FirstOrDefault(e => e.Name.LocalName == "Error") ?? root;
        requestId ??= error.Elements().Concat(root.Elements()).FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
        return XmlErrorDetails.Read(error, response, requestId, ["Code", "Message"]);
    }

    /// <summary>S3's x-amz-id-2 for a request id: stable, opaque, base64 like the real one.</summary>
    public static string HostId(string requestId) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(requestId)));

    private static void AddRequestIds(WireResponse response, string requestId)
    {
        response.Headers[RequestIdHeader] = requestId;
        response.Headers[HostIdHeader] = HostId(requestId);
    }
}
