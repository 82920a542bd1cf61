using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// The emulator's one handler chain, in order: route → authenticate → parse → authorize → dispatch →
/// serialize → record (parse comes before authorize because IAM decides on the resources the input names). Every AWS request passes every step; any failure becomes the routed protocol's own
/// error format, and an exception nobody turned into an AWS error is answered as <c>InternalFailure</c>
/// and counted in <see cref="GatewayDiagnostics"/>.
/// </summary>
public sealed partial class GatewayPipeline(
    ServiceRouter router,
    OperationDispatcher dispatcher,
    IRequestAuthenticator authenticator,
    IRequestAuthorizer authorizer,
    GatewayDiagnostics diagnostics,
    IOptions<EmulatorOptions> options,
    TimeProvider clock,
    ILogger<GatewayPipeline> logger)
{
    private readonly EmulatorOptions _options = options.Value;

    public async Task HandleAsync(HttpContext http)
    {
        diagnostics.CountRequest();
        if (Cors.IsPreflight(http))
        {
            Cors.WritePreflight(http);
            return;
        }

        var request = HttpWire.ReadHead(http);
        var context = new RequestContext(request, Guid.NewGuid().ToString(), clock.GetUtcNow())
        {
            SourceIp = http.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1",
            Region = _options.DefaultRegion,
            Aborted = http.RequestAborted,
        };

        WireResponse response;
        try
        {
            response = await RunAsync(http, context).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            context.Error = error;
            response = SerializeError(context, error);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception unexpected)
        {
            diagnostics.Unexpected($"{context.Service?.Id}:{context.Operation?.Name}", unexpected);
            LogUnexpected(logger, unexpected, context.Service?.Id, context.Operation?.Name);
            var error = new AwsServiceException("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, senderFault: false);
            context.Error = error;
            response = SerializeError(context, error);
        }

        Record(context);
        Cors.AddHeaders(http);
        await HttpWire.WriteAsync(http, response).ConfigureAwait(false);
    }

    private async Task<WireResponse> RunAsync(HttpContext http, RequestContext context)
    {
        var request = context.Request;

        // 1. Route: service, region, operation. Form bodies are read first because the Action is inside.
        var scope = CredentialScope.Read(request);
        if (router.IsQuery(request, scope) && !request.QueryLookup.Contains("Action"))
        {
            request.Body = await HttpWire.ReadBodyAsync(http, _options.MaxBufferedBodyBytes).ConfigureAwait(false);
        }

        var model = router.Route(request, scope);
        context.Service = model;
        context.Region = scope?.Region ?? _options.DefaultRegion;
        context.SignedRawPath = request.RawPath;
        if (model.Protocol == Protocol.RestXml && ServiceRouter.S3VirtualHostBucket(request.Host) is { } bucket)
        {
            request.RawPath = "/" + bucket + request.RawPath;
        }

        var codec = ProtocolCodecs.For(model);
        var operation = codec.ResolveOperation(model, request) ?? throw codec.UnknownOperation(model, request);
        context.Operation = operation;
        if (HasStreamingPayload(operation))
        {
            request.BodyStream = http.Request.Body;
        }
        else if (request.Body.IsEmpty)
        {
            request.Body = await HttpWire.ReadBodyAsync(http, _options.MaxBufferedBodyBytes).ConfigureAwait(false);
        }

        // 2. Authenticate: SigV4 against the credential store.
        context.Principal = authenticator.Authenticate(context, scope);
        context.Authenticated = true;

        // 3. Parse the input per the model (authorization needs the resources it names).
        context.Input = codec.ParseRequest(model, operation, request);

        // 4. Authorize: may the principal perform the operation on those resources?
        authorizer.Authorize(context);

        // 5. Dispatch to the provider, or answer that the operation is not emulated yet.
        context.Output = await dispatcher.DispatchAsync(context).ConfigureAwait(false);

        // 6. Serialize.
        return codec.SerializeResponse(model, operation, context.Output, context.RequestId);
    }

    // 7. Record: every routed call, after its answer is known.
    private void Record(RequestContext context)
    {
        if (context.Service is not null)
        {
            dispatcher.Record(context);
        }
    }

    private WireResponse SerializeError(RequestContext context, AwsServiceException error)
    {
        var model = context.Service ?? FallbackModel(router.GuessProtocol(context.Request));
        try
        {
            return ProtocolCodecs.For(model).SerializeError(model, error, context.RequestId);
        }
        catch (Exception unexpected)
        {
            // Writing an error must not fail the connection: answer a bare 500 and count the bug.
            diagnostics.Unexpected($"serializing {error.Code} for {model.Id}", unexpected);
            LogUnexpected(logger, unexpected, model.Id, context.Operation?.Name);
            return new WireResponse { StatusCode = 500 };
        }
    }

    private static bool HasStreamingPayload(Operation operation) =>
        operation.Input?.Payload is { } payload && operation.Input.GetMember(payload) is { Streaming: true };

    /// <summary>
    /// A model to write errors for requests no service claimed, in the format they were sent in. Only the
    /// protocol matters to the caller; the model supplies namespaces.
    /// </summary>
    private static ServiceModel FallbackModel(Protocol protocol) => protocol switch
    {
        Protocol.Json => ServiceModels.Get("dynamodb"),
        Protocol.Query => ServiceModels.Get("sts"),
        Protocol.RestJson => ServiceModels.Get("lambda"),
        _ => ServiceModels.Get("s3"),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected exception in {Service}:{Operation}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string? service, string? operation);
}
