// What makes an error response AWS-shaped, and which shape a request must get.
//
// Shapes, as the AWS SDKs read them:
//   json       JSON object with "__type" (and X-Amzn-ErrorType)
//   rest-json  X-Amzn-ErrorType header, JSON object body
//   query      <ErrorResponse><Error><Code>… (text/xml)
//   rest-xml   <Error><Code>… (application/xml); HEAD errors have no body
// A response of a recognised shape must also be readable by that protocol's codec (ParseError) with the
// same code.
//
// The shape a request must get follows the gateway's routing contract (ServiceRouter's documentation),
// restated here independently rather than by calling the router: an X-Amz-Target header means json; a POST
// with a form content type (unless signed for a REST-only service such as S3), or a GET or POST with an Action
// query parameter, means query (PUT, DELETE, HEAD never are); otherwise the service the SigV4 scope names
// decides; an unsigned REST request is rest-json or S3's rest-xml depending on its path, so either is fine.
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>Classifies error responses by AWS protocol shape (see the file header).</summary>
public static class AwsErrorShapes
{
    private static readonly Protocol[] AnyProtocol = [Protocol.Json, Protocol.Query, Protocol.RestJson, Protocol.RestXml];

    /// <summary>The outcome of checking one error response.</summary>
    /// <param name="Protocol">The shape found, or null when the response has none.</param>
    /// <param name="Code">The error code read (the status for body-less HEAD errors).</param>
    /// <param name="Problem">Why the response is not acceptable, or null.</param>
    public sealed record Verdict(Protocol? Protocol, string Code, string? Problem);

    /// <summary>Checks an error response (status ≥ 400) of <paramref name="request"/>.</summary>
    public static Verdict Check(FuzzRequest request, WireResponse response)
    {
        if (string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase) && response.Body.IsEmpty)
        {
            return new(null, response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
        }

        var (protocol, code) = Classify(response);
        if (protocol is null || code is null)
        {
            return new(null, "?", $"not an AWS error shape: {Summary(response)}");
        }

        var expected = ExpectedShapes(request);
        if (!expected.Contains(protocol.Value))
        {
            return new(protocol, code, $"{protocol} error shape, expected {string.Join(" or ", expected)}: {Summary(response)}");
        }

        var model = request.AimedAt.Protocol == protocol ? request.AimedAt : ModelOf(protocol.Value);
        AwsServiceException parsed;
        try
        {
            parsed = ProtocolCodecs.For(model).ParseError(model, response);
        }
        catch (Exception e)
        {
            return new(protocol, code, $"the {protocol} codec cannot read the error ({e.GetType().Name}: {e.Message}): {Summary(response)}");
        }

        // awsQueryCompatible services (SQS) name their query-era code in a header, which the codec prefers.
        var sameCode = parsed.Code == code || (model.Metadata.AwsQueryCompatible && parsed.Code.Length > 0);
        return sameCode && parsed.StatusCode == response.StatusCode
            ? new(protocol, code, null)
            : new(protocol, code, $"the {protocol} codec reads {parsed.StatusCode} {parsed.Code}, the body says {code}: {Summary(response)}");
    }

    /// <summary>The error shapes the routing contract allows for a request.</summary>
    public static IReadOnlyCollection<Protocol> ExpectedShapes(FuzzRequest request)
    {
        if (request.Headers.Any(h => string.Equals(h.Key, "X-Amz-Target", StringComparison.OrdinalIgnoreCase)))
        {
            return [Protocol.Json];
        }

        var contentTypes = request.Headers.Where(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
        if (contentTypes.Length > 1)
        {
            // How repeated Content-Type lines are joined is the HTTP stack's business: any shape will do.
            return AnyProtocol;
        }

        var post = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var get = string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
        var form = post && contentTypes.Length == 1 && contentTypes[0].TrimStart().StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        var action = (post || get) && FormEncoding.Parse(request.RawQuery).Any(p => p.Key == "Action");
        if (action || (form && !(request.Signing != FuzzSigning.Unsigned && IsRestOnly(request.SigningName))))
        {
            return [Protocol.Query];
        }

        if (request.Signing != FuzzSigning.Unsigned)
        {
            var models = ServiceModels.All().Where(m => m.Metadata.SigningName == request.SigningName).ToArray();
            var chosen = models.FirstOrDefault(m => m.Protocol is Protocol.RestJson or Protocol.RestXml) ?? models.FirstOrDefault();
            if (chosen is not null)
            {
                return [chosen.Protocol];
            }

            return contentTypes.Length == 1 && contentTypes[0].Contains("json", StringComparison.OrdinalIgnoreCase) ? [Protocol.RestJson] : [Protocol.RestXml];
        }

        return [Protocol.RestJson, Protocol.RestXml];
    }

    /// <summary>A service with a REST model and no query one: a form-labelled POST signed for it is a REST call.</summary>
    private static bool IsRestOnly(string signingName)
    {
        var models = ServiceModels.All().Where(m => m.Metadata.SigningName == signingName).ToArray();
        return models.Any(m => m.Protocol is Protocol.RestJson or Protocol.RestXml) && !models.Any(m => m.Protocol == Protocol.Query);
    }

    /// <summary>The shape of an error response and its code, or nulls.</summary>
    public static (Protocol? Protocol, string? Code) Classify(WireResponse response)
    {
        var body = response.Body.Span;
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith("{"u8))
        {
            if (ParseJson(body) is not { } json)
            {
                return (null, null);
            }

            if (json["__type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String)
            {
                return (Protocol.Json, type.GetValue<string>());
            }

            return response.Headers["X-Amzn-ErrorType"] is { Length: > 0 } header && (json.ContainsKey("message") || json.ContainsKey("Message"))
                ? (Protocol.RestJson, header)
                : (null, null);
        }

        if (!trimmed.StartsWith("<"u8) || ParseXml(body) is not { } root)
        {
            return (null, null);
        }

        var code = root.Name.LocalName switch
        {
            "ErrorResponse" => root.Elements().FirstOrDefault(e => e.Name.LocalName == "Error")?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value,
            "Error" => root.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value,
            _ => null,
        };
        return code is { Length: > 0 }
            ? (root.Name.LocalName == "ErrorResponse" ? Protocol.Query : Protocol.RestXml, code)
            : (null, null);
    }

    /// <summary>A model to read errors of a protocol with (only namespaces and flags matter).</summary>
    public static ServiceModel ModelOf(Protocol protocol) => protocol switch
    {
        Protocol.Json => ServiceModels.Get("dynamodb"),
        Protocol.Query => ServiceModels.Get("sts"),
        Protocol.RestJson => ServiceModels.Get("lambda"),
        _ => ServiceModels.Get("s3"),
    };

    public static string Summary(WireResponse response)
    {
        var body = Encoding.UTF8.GetString(response.Body.Span[..Math.Min(response.Body.Length, 400)]);
        var headers = string.Join("; ", response.Headers.Select(h => $"{h.Key}: {h.Value}"));
        return $"{response.StatusCode} [{headers}] {body}";
    }

    private static JsonObject? ParseJson(ReadOnlySpan<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static XElement? ParseXml(ReadOnlySpan<byte> body)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray());
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XElement.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
