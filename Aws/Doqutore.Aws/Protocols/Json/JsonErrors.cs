using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.Json;

/// <summary>
/// Error bodies and headers shared by awsJson and restJson1: writing them (emulator) and reading the code,
/// message and details back the way the AWS SDKs do (client).
/// </summary>
public static class JsonErrors
{
    /// <summary>Header carrying the error code (restJson1 always, awsJson as well).</summary>
    public const string ErrorTypeHeader = "X-Amzn-ErrorType";

    /// <summary>Header with the query-era code of awsQueryCompatible services: <c>Code;Sender</c>.</summary>
    public const string QueryErrorHeader = "x-amzn-query-error";

    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>Writes a JSON object of the leading members followed by the error's details.</summary>
    public static byte[] WriteBody(IEnumerable<KeyValuePair<string, string>> leading, JsonObject details)
    {
        var body = new JsonObject();
        foreach (var (key, value) in leading)
        {
            body[key] = value;
        }

        foreach (var (key, value) in details)
        {
            if (!body.ContainsKey(key))
            {
                body[key] = value?.DeepClone();
            }
        }

        return Encoding.UTF8.GetBytes(body.ToJsonString(JsonShapeSerializer.NodeOptions));
    }

    /// <summary>Adds the headers every JSON error carries, plus the error's own.</summary>
    public static void AddHeaders(WireResponse response, AwsServiceException error, string requestId, bool queryCompatible)
    {
        foreach (var (name, value) in error.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[ErrorTypeHeader] = error.Code;
        response.Headers[RequestIdHeader] = requestId;
        if (queryCompatible)
        {
            response.Headers[QueryErrorHeader] = $"{error.QueryErrorCode ?? error.Code};{(error.SenderFault ? "Sender" : "Receiver")}";
        }
    }

    /// <summary>Reads an error response as the AWS SDKs do.</summary>
    /// <param name="response">The error response.</param>
    /// <param name="headerFirst">restJson1 takes the code from <c>X-Amzn-ErrorType</c> before the body; awsJson after.</param>
    /// <param name="queryCompatible">The service is awsQueryCompatible: <c>x-amzn-query-error</c> names the code.</param>
    public static AwsServiceException Read(WireResponse response, bool headerFirst, bool queryCompatible)
    {
        var body = ParseLenient(response.Body.Span);
        var bodyCode = Text(body, "__type") ?? Text(body, "code") ?? Text(body, "Code");
        var headerCode = response.Headers[ErrorTypeHeader];
        var code = headerFirst ? headerCode ?? bodyCode : bodyCode ?? headerCode;
        string? queryCode = null;
        bool? sender = null;
        if (queryCompatible && response.Headers[QueryErrorHeader] is { } queryError
            && queryError.Split(';') is [{ Length: > 0 } q, var fault])
        {
            queryCode = q;
            sender = !string.Equals(fault, "Receiver", StringComparison.Ordinal);
        }

        code = queryCode ?? StripCode(code) ?? response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = Text(body, "message") ?? Text(body, "Message") ?? string.Empty;
        var details = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key is not ("__type" or "code" or "Code" or "message" or "Message"))
            {
                details[key] = value?.DeepClone();
            }
        }

        return new AwsServiceException(code, message, response.StatusCode, sender ?? response.StatusCode < 500)
        {
            RequestId = response.Headers[RequestIdHeader],
            Details = details,
            QueryErrorCode = queryCode,
        };
    }

    /// <summary><c>aws.protocoltests#FooError:http://…</c> becomes <c>FooError</c>.</summary>
    public static string? StripCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return (hash >= 0 ? code[(hash + 1)..] : code).Trim();
    }

    private static JsonObject ParseLenient(ReadOnlySpan<byte> body)
    {
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return [];
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return new JsonObject { ["message"] = Encoding.UTF8.GetString(body) };
        }

        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = JsonShapeSerializer.MaxDepth }) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            // botocore keeps an unreadable error body as the message.
            return new JsonObject { ["message"] = Encoding.UTF8.GetString(body) };
        }
    }

    private static string? Text(JsonObject body, string key) =>
        body[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
