using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.Xml;

/// <summary>
/// The parts of XML error documents that the query and rest-xml codecs share: extra detail elements beside
/// Code and Message, reading an error element back, and errors without a usable body.
/// </summary>
public static class XmlErrorDetails
{
    private static readonly Dictionary<int, (string Code, string Message)> StatusErrors = new()
    {
        [301] = ("PermanentRedirect", "Moved Permanently"),
        [304] = ("NotModified", "Not Modified"),
        [400] = ("BadRequest", "Bad Request"),
        [403] = ("Forbidden", "Forbidden"),
        [404] = ("NotFound", "Not Found"),
        [405] = ("MethodNotAllowed", "Method Not Allowed"),
        [409] = ("Conflict", "Conflict"),
        [412] = ("PreconditionFailed", "Precondition Failed"),
        [416] = ("InvalidRange", "Requested Range Not Satisfiable"),
        [500] = ("InternalError", "Internal Server Error"),
        [501] = ("NotImplemented", "Not Implemented"),
        [503] = ("ServiceUnavailable", "Service Unavailable"),
    };

    /// <summary>Writes each detail as a child element (nested objects nest, arrays repeat).</summary>
    public static void Write(XElement error, JsonObject details)
    {
        foreach (var (name, value) in details)
        {
            if (value is not null)
            {
                Append(error, name, value);
            }
        }
    }

    /// <summary>Reads an <c>&lt;Error&gt;</c> element: code, message, Sender/Receiver, the rest as details.</summary>
    public static AwsServiceException Read(XElement error, WireResponse response, string? requestId, IReadOnlyCollection<string> known)
    {
        string? code = null, message = null;
        var sender = response.StatusCode < 500;
        var details = new JsonObject();
        foreach (var child in error.Elements())
        {
            var name = child.Name.LocalName;
            switch (name)
            {
                case "Code":
                    code = child.Value;
                    break;
                case "Message":
                    message = child.Value;
                    break;
                case "Type":
                    sender = child.Value != "Receiver";
                    break;
                case "RequestId" or "HostId":
                    break;
                default:
                    if (!known.Contains(name) && !details.ContainsKey(name))
                    {
                        details[name] = child.HasElements ? child.ToString(SaveOptions.DisableFormatting) : child.Value;
                    }

                    break;
            }
        }

        if (string.IsNullOrEmpty(code))
        {
            return FromStatus(response, requestId);
        }

        return new AwsServiceException(code, message ?? string.Empty, response.StatusCode, sender)
        {
            RequestId = requestId,
            Details = details,
        };
    }

    /// <summary>An error known only by its status (a HEAD response, an empty or non-XML body): 404 is NotFound.</summary>
    public static AwsServiceException FromStatus(WireResponse response, string? requestId)
    {
        var (code, message) = StatusErrors.TryGetValue(response.StatusCode, out var known)
            ? known
            : (response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), $"HTTP {response.StatusCode}");
        return new AwsServiceException(code, message, response.StatusCode, response.StatusCode < 500) { RequestId = requestId };
    }

    /// <summary>The client's error for a success response it cannot read.</summary>
    public static AwsServiceException MalformedResponse(WireResponse response, FormatException cause) =>
        new("MalformedResponse", $"Unable to parse the response body (HTTP {response.StatusCode}): {cause.Message}", 500, senderFault: false);

    private static void Append(XElement parent, string name, JsonNode value)
    {
        var ns = parent.Name.Namespace;
        switch (value)
        {
            case JsonObject obj:
                var element = new XElement(ns + name);
                Write(element, obj);
                parent.Add(element);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Append(parent, name, item);
                    }
                }

                break;
            default:
                var v = value.AsValue();
                parent.Add(new XElement(ns + name, v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()));
                break;
        }
    }
}
