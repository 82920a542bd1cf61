using System.Text.Json.Nodes;

namespace Doqutore.Aws.Protocols;

/// <summary>
/// An AWS error: the code AWS names it by (<c>NoSuchBucket</c>, <c>ValidationException</c>), its message and
/// HTTP status. Providers throw it; each codec writes it in its protocol's error format, and the client
/// codecs read it back from a response.
/// </summary>
public class AwsServiceException : Exception
{
    public AwsServiceException(string code, string message, int statusCode = 400, bool senderFault = true)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        SenderFault = senderFault;
    }

    public AwsServiceException()
        : this("InternalFailure", "The request processing has failed because of an unknown error.", 500, false)
    {
    }

    public AwsServiceException(string message)
        : this("InternalFailure", message, 500, false)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "InternalFailure";
        StatusCode = 500;
    }

    /// <summary>The error code as AWS names it, without namespace.</summary>
    public string Code { get; }

    public int StatusCode { get; }

    /// <summary>The query protocol's <c>&lt;Type&gt;Sender&lt;/Type&gt;</c> (true) or <c>Receiver</c>.</summary>
    public bool SenderFault { get; init; } = true;

    /// <summary>The request id of the response that carried the error (client side).</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// Extra members of the error shape (S3's <c>BucketName</c>, SigV4's <c>CanonicalRequest</c>): written
    /// beside code and message, read back by the client.
    /// </summary>
    public JsonObject Details { get; init; } = [];

    /// <summary>Extra response headers (S3 <c>x-amz-delete-marker</c> on a 404, <c>Retry-After</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>For json services that replaced query: the query-era code, sent in <c>x-amzn-query-error</c>.</summary>
    public string? QueryErrorCode { get; init; }

    public override string ToString() => $"{Code} ({StatusCode}): {Message}";
}
