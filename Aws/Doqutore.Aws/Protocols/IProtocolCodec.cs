using Doqutore.Aws.Models;
using Doqutore.Aws.Wire;

namespace Doqutore.Aws.Protocols;

/// <summary>
/// One wire protocol, both directions. The emulator resolves and parses requests and serializes responses
/// and errors; the client serializes requests and parses responses and errors. Everything is driven by the
/// service model: a codec never names a service (quirks live in <see cref="ServiceQuirks"/>).
/// </summary>
public interface IProtocolCodec
{
    Protocol Protocol { get; }

    /// <summary>Which operation a request is (target header, Action, or method and URI), or null.</summary>
    Operation? ResolveOperation(ServiceModel model, WireRequest request);

    /// <summary>The error a service answers for a request naming no operation it has.</summary>
    AwsServiceException UnknownOperation(ServiceModel model, WireRequest request);

    /// <summary>Parses a request into the operation's input; malformed input throws the protocol's own error.</summary>
    OperationData ParseRequest(ServiceModel model, Operation operation, WireRequest request);

    WireResponse SerializeResponse(ServiceModel model, Operation operation, OperationData output, string requestId);

    WireResponse SerializeError(ServiceModel model, AwsServiceException error, string requestId);

    /// <summary>Builds the request for an operation (not yet signed) against an endpoint.</summary>
    WireRequest SerializeRequest(ServiceModel model, Operation operation, OperationData input, Uri endpoint);

    /// <summary>Parses a successful response into the operation's output.</summary>
    OperationData ParseResponse(ServiceModel model, Operation operation, WireResponse response);

    /// <summary>Reads an error response.</summary>
    AwsServiceException ParseError(ServiceModel model, WireResponse response);
}
