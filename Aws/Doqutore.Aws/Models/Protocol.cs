namespace Doqutore.Aws.Models;

/// <summary>The wire protocols of the embedded AWS services.</summary>
public enum Protocol
{
    /// <summary>awsJson 1.0 and 1.1: POST with <c>X-Amz-Target</c>, JSON body.</summary>
    Json,

    /// <summary>awsQuery: form-encoded <c>Action=…</c>, XML response.</summary>
    Query,

    /// <summary>restJson1: HTTP bindings, JSON payload.</summary>
    RestJson,

    /// <summary>restXml: HTTP bindings, XML payload (S3).</summary>
    RestXml,
}

public static class ProtocolNames
{
    public static Protocol Parse(string name) => name switch
    {
        "json" => Protocol.Json,
        "query" => Protocol.Query,
        "rest-json" => Protocol.RestJson,
        "rest-xml" => Protocol.RestXml,
        _ => throw new NotSupportedException($"Protocol '{name}' is not supported."),
    };

    public static string ToModelName(this Protocol protocol) => protocol switch
    {
        Protocol.Json => "json",
        Protocol.Query => "query",
        Protocol.RestJson => "rest-json",
        Protocol.RestXml => "rest-xml",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol)),
    };
}
