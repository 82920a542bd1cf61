using System.Text.Json.Nodes;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// One AWS call a service makes on a caller's behalf (CloudFormation creating a stack's bucket as the user who
/// created the stack).
/// </summary>
/// <param name="Caller">The principal the call acts as: its policies authorize the call and CloudTrail names it.</param>
/// <param name="Region">The region the call addresses.</param>
/// <param name="ServiceId">The service model id (<c>s3</c>, <c>iam</c>, <c>sqs</c>).</param>
/// <param name="Operation">The operation name as the model names it (<c>CreateBucket</c>).</param>
/// <param name="Input">The operation's input in <see cref="OperationData"/> tree form.</param>
/// <param name="InvokedBy">The service making the call (<c>cloudformation.amazonaws.com</c>): CloudTrail's <c>invokedBy</c>, <c>sourceIPAddress</c> and <c>userAgent</c>.</param>
public sealed record InternalCall(Principal Caller, string Region, string ServiceId, string Operation, JsonObject Input, string InvokedBy)
{
    /// <summary>
    /// The endpoint the work was asked for at (the base URL of the caller's request): URLs a provider derives from
    /// the request (queue URLs) then work from where the caller stands.
    /// </summary>
    public Uri Endpoint { get; init; } = InternalCalls.DefaultEndpoint;
}

/// <summary>
/// The gateway's chain for calls that start inside the emulator: the input is serialized as a client would send it
/// and parsed back by the service's own codec (so a provider sees exactly what the wire would give it, and bad input
/// fails as it would on the wire), authorized as the caller, dispatched through <see cref="ProviderRegistry"/>, and
/// recorded by every <see cref="ICallRecorder"/> as AWS records calls a service makes for you: the caller's identity
/// with <c>invokedBy</c>, and the service as source address and user agent. Signature verification is the one step
/// skipped: the caller was authenticated by the request that started the work.
/// </summary>
public sealed class InternalCalls(
    IRequestAuthorizer authorizer,
    OperationDispatcher dispatcher,
    TimeProvider clock)
{
    /// <summary>Where internal requests say they were sent when the call names no endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("http://localhost:4566");

    /// <summary>Performs <paramref name="call"/> and returns its output; an AWS error is thrown as the service threw it.</summary>
    public async Task<JsonObject> CallAsync(InternalCall call, CancellationToken cancellation = default) =>
        (await InvokeAsync(call, cancellation).ConfigureAwait(false)).Values;

    /// <summary>Performs <paramref name="call"/> and returns its whole output, streamed payload included (S3 GetObject).</summary>
    public async Task<OperationData> InvokeAsync(InternalCall call, CancellationToken cancellation = default)
    {
        var model = ServiceModels.Get(call.ServiceId);
        var operation = model.GetOperation(call.Operation);
        var codec = ProtocolCodecs.For(model);
        var input = InternalInput.Conform(operation.Input, call.Input);
        var wire = codec.SerializeRequest(model, operation, new OperationData(input), call.Endpoint);
        wire.Headers["User-Agent"] = call.InvokedBy;
        var context = new RequestContext(wire, Guid.NewGuid().ToString(), clock.GetUtcNow())
        {
            Service = model,
            Operation = operation,
            Region = call.Region,
            Principal = call.Caller,
            Authenticated = true,
            SourceIp = call.InvokedBy,
            InvokedBy = call.InvokedBy,
            Aborted = cancellation,
        };

        try
        {
            context.Input = codec.ParseRequest(model, operation, wire);
            authorizer.Authorize(context);
            return await dispatcher.DispatchAsync(context).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            context.Error = error;
            throw;
        }
        finally
        {
            dispatcher.Record(context);
        }
    }
}
