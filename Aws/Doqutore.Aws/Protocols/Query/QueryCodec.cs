// awsQuery (IAM, STS, SNS, CloudFormation, CloudWatch, query-era SQS), both directions.
//
// Request:  POST / (or GET with the same parameters in the query string), form-encoded
//           Action=<Op>&Version=<apiVersion>&<parameters as QueryParameterWriter writes them>.
// Response: text/xml
//           <{Op}Response xmlns="{ns}"><{ResultWrapper}>..members..</{ResultWrapper}>
//             <ResponseMetadata><RequestId>{id}</RequestId></ResponseMetadata></{Op}Response>
// Error:    text/xml, status from the exception, x-amzn-RequestId; the code is the error's query-era code when
//           it has one (a json-era service's error answered over its query variant)
//           <ErrorResponse xmlns="{ns}"><Error><Type>Sender|Receiver</Type><Code/><Message/>..details..</Error>
//             <RequestId>{id}</RequestId></ErrorResponse>
// The namespace is the model's xmlNamespace (every embedded query model has one), else AWS's
// https://<endpointPrefix>.amazonaws.com/doc/<apiVersion>/ pattern.
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Xml;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.Query;

/// <summary>The awsQuery codec (see the file header for the wire format).</summary>
public sealed class QueryCodec : IProtocolCodec
{
    public const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    public const string XmlContentType = "text/xml";

    public Protocol Protocol => Protocol.Query;

    public Operation? ResolveOperation(ServiceModel model, WireRequest request)
    {
        var action = FindAction(request);
        return action is null ? null : model.FindOperation(action);
    }

    public AwsServiceException UnknownOperation(ServiceModel model, WireRequest request) =>
        FindAction(request) is { } action
            ? new AwsServiceException("InvalidAction", $"The action {action} is not valid for this web service.")
            : new AwsServiceException("MissingAction", "Missing Action");

    public OperationData ParseRequest(ServiceModel model, Operation operation, WireRequest request)
    {
        if (operation.Input is null)
        {
            return new OperationData();
        }

        var reader = new QueryParameterReader(Parameters(request));
        var values = reader.Read(operation.Input);
        if (ServiceQuirks.QueryPathMembers.TryGetValue(model.Id, out var pathMember)
            && request.RawPath is { Length: > 1 } path
            && operation.Input.GetMember(pathMember) is not null
            && values[pathMember] is null)
        {
            values[pathMember] = $"{request.Scheme}://{request.Host}{path}";
        }

        return new OperationData(values);
    }

    public WireResponse SerializeResponse(ServiceModel model, Operation operation, OperationData output, string requestId)
    {
        var ns = XNamespace.Get(Namespace(model));
        var root = new XElement(ns + $"{operation.Name}Response");
        if (operation.Output is not null)
        {
            var target = root;
            if (operation.ResultWrapper is not null)
            {
                target = new XElement(ns + operation.ResultWrapper);
                root.Add(target);
            }

            XmlShapeSerializer.WriteMembers(target, operation.Output, output.Values);
        }

        root.Add(new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        return XmlResponse(200, root, requestId);
    }

    public WireResponse SerializeError(ServiceModel model, AwsServiceException error, string requestId)
    {
        var ns = XNamespace.Get(Namespace(model));
        var body = new XElement(
            ns + "Error",
            new XElement(ns + "Type", error.SenderFault ? "Sender" : "Receiver"),
            new XElement(ns + "Code", error.QueryErrorCode ?? error.Code),
            new XElement(ns + "Message", error.Message));
        XmlErrorDetails.Write(body, error.Details);
        var root = new XElement(ns + "ErrorResponse", body, new XElement(ns + "RequestId", requestId));
        var response = XmlResponse(error.StatusCode, root, requestId);
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }

    public WireRequest SerializeRequest(ServiceModel model, Operation operation, OperationData input, Uri endpoint)
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("Action", operation.Name),
            new("Version", model.Metadata.ApiVersion),
        };
        if (operation.Input is not null)
        {
            pairs.AddRange(QueryParameterWriter.Write(operation.Input, input.Values));
        }

        var request = new WireRequest
        {
            Method = "POST",
            Scheme = endpoint.Scheme,
            Host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}",
            RawPath = endpoint.AbsolutePath.Length == 0 ? "/" : endpoint.AbsolutePath,
            Body = Encoding.UTF8.GetBytes(FormEncoding.Write(pairs)),
        };
        request.Headers["Content-Type"] = FormContentType;
        return request;
    }

    public OperationData ParseResponse(ServiceModel model, Operation operation, WireResponse response)
    {
        if (operation.Output is null)
        {
            return new OperationData();
        }

        try
        {
            var root = XmlDocuments.Load(response.Body);
            var start = operation.ResultWrapper is null
                ? root
                : root.Elements().FirstOrDefault(e => e.Name.LocalName == operation.ResultWrapper);
            return new OperationData(start is null ? [] : XmlShapeSerializer.ReadMembers(start, operation.Output));
        }
        catch (FormatException e)
        {
            throw XmlErrorDetails.MalformedResponse(response, e);
        }
    }

    public AwsServiceException ParseError(ServiceModel model, WireResponse response)
    {
        XElement root;
        try
        {
            root = XmlDocuments.Load(response.Body);
        }
        catch (FormatException)
        {
            return XmlErrorDetails.FromStatus(response, response.Headers["x-amzn-RequestId"]);
        }

        // <ErrorResponse><Error>..</Error><RequestId/></ErrorResponse>; EC2's <Response><Errors><Error> too.
        var error = root.Name.LocalName == "Error"
            ? root
            : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error") ?? root;
        var requestId = root.Elements().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value
            ?? response.Headers["x-amzn-RequestId"];
        return XmlErrorDetails.Read(error, response, requestId, ["Type", "Code", "Message"]);
    }

    /// <summary>The xmlns of responses and errors.</summary>
    public static string Namespace(ServiceModel model) =>
        model.Metadata.XmlNamespace ?? $"https://{model.Metadata.EndpointPrefix}.amazonaws.com/doc/{model.Metadata.ApiVersion}/";

    /// <summary>Query string parameters, then form parameters (which win).</summary>
    private static IEnumerable<KeyValuePair<string, string>> Parameters(WireRequest request) => request.Query.Concat(request.Form);

    private static string? FindAction(WireRequest request)
    {
        var action = request.Form.LastOrDefault(p => p.Key == "Action").Value
            ?? request.Query.LastOrDefault(p => p.Key == "Action").Value;
        return string.IsNullOrEmpty(action) ? null : action;
    }

    private static WireResponse XmlResponse(int status, XElement root, string requestId)
    {
        var response = new WireResponse
        {
            StatusCode = status,
            Body = XmlDocuments.ToBytes(root, declaration: false),
        };
        response.Headers["Content-Type"] = XmlContentType;
        response.Headers["x-amzn-RequestId"] = requestId;
        return response;
    }
}
