using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.Json;

/// <summary>
/// awsJson 1.0 and 1.1: every request is a POST of a JSON document with <c>X-Amz-Target: Prefix.Operation</c>;
/// responses are JSON documents; errors are <c>{"__type": code, "message": …}</c> with
/// <c>X-Amzn-ErrorType</c>, and for awsQueryCompatible services (SQS) the query-era code in
/// <c>x-amzn-query-error</c>.
/// </summary>
public sealed class JsonCodec : IProtocolCodec
{
    public const string TargetHeader = "X-Amz-Target";

    public Protocol Protocol => Protocol.Json;

    public Operation? ResolveOperation(ServiceModel model, WireRequest request)
    {
        var target = request.Headers[TargetHeader]?.Trim();
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        var dot = target.LastIndexOf('.');
        return dot > 0 && string.Equals(target[..dot], model.Metadata.TargetPrefix, StringComparison.Ordinal)
            ? model.FindOperation(target[(dot + 1)..])
            : null;
    }

    public AwsServiceException UnknownOperation(ServiceModel model, WireRequest request) =>
        request.Headers[TargetHeader]?.Trim() is { Length: > 0 } target
            ? new("UnknownOperationException", $"Unknown operation {target}: {model.Metadata.ServiceId ?? model.Id} has no such operation (target prefix {model.Metadata.TargetPrefix}).", 400)
            : new("UnknownOperationException", $"The request names no operation: the {TargetHeader} header is missing.", 400);

    public OperationData ParseRequest(ServiceModel model, Operation operation, WireRequest request)
    {
        var body = request.BodyStream is { } stream && request.Body.IsEmpty ? ReadAll(stream) : request.Body;
        var values = JsonShapeSerializer.Read(operation.Input ?? EmptyShape.Instance, body.Span);
        return new OperationData(values);
    }

    public WireResponse SerializeResponse(ServiceModel model, Operation operation, OperationData output, string requestId)
    {
        var response = new WireResponse
        {
            StatusCode = 200,
            Body = operation.Output is { } shape ? JsonShapeSerializer.Write(shape, output.Values) : "{}"u8.ToArray(),
        };
        response.Headers["Content-Type"] = model.Metadata.JsonContentType;
        response.Headers[JsonErrors.RequestIdHeader] = requestId;
        return response;
    }

    public WireResponse SerializeError(ServiceModel model, AwsServiceException error, string requestId)
    {
        var response = new WireResponse
        {
            StatusCode = error.StatusCode,
            Body = JsonErrors.WriteBody([new("__type", error.Code), new("message", error.Message)], error.Details),
        };
        JsonErrors.AddHeaders(response, error, requestId, model.Metadata.AwsQueryCompatible);
        response.Headers["Content-Type"] = model.Metadata.JsonContentType;
        return response;
    }

    public WireRequest SerializeRequest(ServiceModel model, Operation operation, OperationData input, Uri endpoint)
    {
        var request = new WireRequest
        {
            Method = "POST",
            Scheme = endpoint.Scheme,
            Host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}",
            RawPath = endpoint.AbsolutePath.Length == 0 ? "/" : endpoint.AbsolutePath,
            Body = operation.Input is { } shape ? JsonShapeSerializer.Write(shape, input.Values) : "{}"u8.ToArray(),
        };
        request.Headers[TargetHeader] = $"{model.Metadata.TargetPrefix}.{operation.Name}";
        request.Headers["Content-Type"] = model.Metadata.JsonContentType;
        return request;
    }

    public OperationData ParseResponse(ServiceModel model, Operation operation, WireResponse response) =>
        new(JsonShapeSerializer.Read(operation.Output ?? EmptyShape.Instance, response.Body.Span));

    public AwsServiceException ParseError(ServiceModel model, WireResponse response) =>
        JsonErrors.Read(response, headerFirst: false, model.Metadata.AwsQueryCompatible);

    private static ReadOnlyMemory<byte> ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
