using System.Globalization;
using System.Text;
using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.IntegrationTests.Gateway;

/// <summary>How a fuzzed request is authenticated once its mutations are done.</summary>
public enum FuzzSigning
{
    /// <summary>SigV4-signed with the root test credentials, after mutating (it passes authentication).</summary>
    Signed,

    /// <summary>No Authorization header at all.</summary>
    Unsigned,

    /// <summary>Signed, then one character of the signature changed.</summary>
    BrokenSignature,
}

/// <summary>
/// One request of the fuzzer: a valid request of some operation (from the codec) as mutable parts, the
/// mutations applied to it, and what it was aimed at, so that a failure can be reported and replayed.
/// </summary>
public sealed class FuzzRequest
{
    public FuzzRequest(ServiceModel aimedAt, string operation, long index)
    {
        AimedAt = aimedAt;
        Operation = operation;
        Index = index;
        SigningName = aimedAt.Metadata.SigningName;
    }

    /// <summary>The service the valid request was for.</summary>
    public ServiceModel AimedAt { get; }

    /// <summary>The operation the valid request was for.</summary>
    public string Operation { get; }

    /// <summary>Position in the campaign: with the seed, enough to regenerate the request.</summary>
    public long Index { get; }

    public string Method { get; set; } = "POST";

    /// <summary>Path as sent, percent-encoded (or deliberately not).</summary>
    public string RawPath { get; set; } = "/";

    /// <summary>Query string without '?', as sent.</summary>
    public string RawQuery { get; set; } = string.Empty;

    /// <summary>Headers in order; a name may repeat. Host and Content-Length are set by the HTTP client.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public byte[] Body { get; set; } = [];

    /// <summary>Send the body without Content-Length (chunked).</summary>
    public bool Chunked { get; set; }

    public FuzzSigning Signing { get; set; } = FuzzSigning.Signed;

    /// <summary>The SigV4 service name the request is signed for.</summary>
    public string SigningName { get; set; }

    /// <summary>Goes to the emulator instance with the small body limit.</summary>
    public bool Oversized { get; set; }

    /// <summary>Names of the mutations applied, in order.</summary>
    public List<string> Mutations { get; } = [];

    /// <summary>Takes the parts of a request a codec serialized.</summary>
    public static FuzzRequest From(WireRequest wire, ServiceModel aimedAt, string operation, long index)
    {
        var request = new FuzzRequest(aimedAt, operation, index)
        {
            Method = wire.Method,
            RawPath = wire.RawPath,
            RawQuery = wire.RawQuery,
            Body = wire.Body.ToArray(),
        };
        foreach (var header in wire.Headers)
        {
            if (!string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Add(header);
            }
        }

        return request;
    }

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Replaces every value of a header; null removes it.</summary>
    public void SetHeader(string name, string? value)
    {
        Headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        if (value is not null)
        {
            Headers.Add(new(name, value));
        }
    }

    public string PathAndQuery => RawQuery.Length == 0 ? RawPath : RawPath + "?" + RawQuery;

    /// <summary>A replayable description: method, path, headers and (the start of) the body.</summary>
    public string Describe(int maxBody = 600)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{Index} aimed at {AimedAt.Id}:{Operation} ({AimedAt.Protocol}), mutations [{string.Join(", ", Mutations)}], {Signing}{(Oversized ? ", small-limit instance" : string.Empty)}{(Chunked ? ", chunked" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  {Method} {PathAndQuery}\n");
        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {name}: {value}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  body ({Body.Length} bytes): {Printable(Body, maxBody)}");
        return text.ToString();
    }

    /// <summary>UTF-8 text when the body is valid UTF-8 and printable enough, base64 otherwise.</summary>
    private static string Printable(byte[] body, int max)
    {
        var slice = body.AsSpan(0, Math.Min(body.Length, max));
        var suffix = body.Length > max ? "…" : string.Empty;
        if (System.Text.Unicode.Utf8.IsValid(slice))
        {
            var text = Encoding.UTF8.GetString(slice);
            if (!text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                return text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + suffix;
            }
        }

        return "base64:" + Convert.ToBase64String(slice) + suffix;
    }
}
