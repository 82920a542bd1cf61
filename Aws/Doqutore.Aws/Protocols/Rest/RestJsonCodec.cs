using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols.Json;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols.Rest;

/// <summary>
/// restJson1 (Lambda, API Gateway): the HTTP bindings of <see cref="RestBindings"/> with JSON documents.
/// Errors carry their code in <c>X-Amzn-ErrorType</c> and a body <c>{"message": …, "Type": "User"|"Service"}</c>
/// (Lambda's form).
/// </summary>
public sealed class RestJsonCodec : IProtocolCodec
{
    private static readonly IRestBodyFormat Format = RestJsonBodyFormat.Instance;

    public Protocol Protocol => Protocol.RestJson;

    public Operation? ResolveOperation(ServiceModel model, WireRequest request) => RestBindings.ResolveOperation(model, request);

    public AwsServiceException UnknownOperation(ServiceModel model, WireRequest request) =>
        new("UnknownOperationException", $"No operation of {model.Metadata.ServiceId ?? model.Id} matches {request.Method} {request.RawPath}.", 404);

    public OperationData ParseRequest(ServiceModel model, Operation operation, WireRequest request) =>
        RestBindings.ParseRequest(operation, request, Format);

    public WireResponse SerializeResponse(ServiceModel model, Operation operation, OperationData output, string requestId)
    {
        var response = RestBindings.SerializeResponse(operation, output, Format);
        response.Headers[JsonErrors.RequestIdHeader] = requestId;
        return response;
    }

    public WireResponse SerializeError(ServiceModel model, AwsServiceException error, string requestId)
    {
        var response = new WireResponse
        {
            StatusCode = error.StatusCode,
            Body = JsonErrors.WriteBody([new("message", error.Message), new("Type", error.SenderFault ? "User" : "Service")], error.Details),
        };
        JsonErrors.AddHeaders(response, error, requestId, model.Metadata.AwsQueryCompatible);
        response.Headers["Content-Type"] = Format.ContentType;
        return response;
    }

    public WireRequest SerializeRequest(ServiceModel model, Operation operation, OperationData input, Uri endpoint)
    {
        var request = RestBindings.SerializeRequest(operation, input, endpoint, Format);
        var payload = operation.Input?.Payload is { } name ? operation.Input.GetMember(name) : null;
        if (payload?.Type == ShapeType.Blob && request.Headers["Content-Type"] is null && (!request.Body.IsEmpty || request.BodyStream is not null))
        {
            request.Headers["Content-Type"] = "application/octet-stream";
        }

        return request;
    }

    public OperationData ParseResponse(ServiceModel model, Operation operation, WireResponse response) =>
        RestBindings.ParseResponse(operation, response, Format);

    public AwsServiceException ParseError(ServiceModel model, WireResponse response) =>
        JsonErrors.Read(response, headerFirst: true, model.Metadata.AwsQueryCompatible);
}
