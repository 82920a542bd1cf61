using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;

namespace Doqutore.Aws.Client;

/// <summary>
/// A client for any operation of any embedded service, driven by its model: JSON in, JSON out (see
/// <see cref="OperationData"/> for the tree conventions). Requests are serialized by the service's codec,
/// signed by AWSSDK.Core's <see cref="SigV4SigningHandler"/>, and retried with backoff on throttling and
/// 5xx answers. Typed facades (<c>Client/Facades/</c>) sit on top for what our code calls.
/// </summary>
public sealed class AwsClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IProtocolCodec _codec;

    public AwsClient(ServiceModel model, AwsClientOptions options, HttpMessageHandler? transport = null)
    {
        Model = model;
        Options = options;
        _codec = ProtocolCodecs.For(model);
        var credentials = options.Credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();

        // The RegionEndpoint here only names the signing region of the credential scope; the request goes to
        // ServiceUrl, never to an endpoint derived from the region.
        var signer = new SigV4SigningHandler(
            credentials,
            RegionEndpoint.GetBySystemName(options.AuthenticationRegion),
            model.Metadata.SigningName,
            transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        _http = new HttpClient(signer) { Timeout = options.Timeout };
    }

    /// <summary>A client for the primary model of a service id (<c>iam</c>, <c>cloudtrail</c>, …).</summary>
    public AwsClient(string serviceId, AwsClientOptions options, HttpMessageHandler? transport = null)
        : this(ServiceModels.Get(serviceId), options, transport)
    {
    }

    public ServiceModel Model { get; }

    public AwsClientOptions Options { get; }

    /// <summary>Calls an operation by name with a JSON input; returns the JSON output or throws its AWS error.</summary>
    public async Task<JsonObject> InvokeAsync(string operation, JsonObject? input = null, CancellationToken cancellation = default)
    {
        var output = await InvokeAsync(Model.GetOperation(operation), new OperationData(input), cancellation).ConfigureAwait(false);
        return output.Values;
    }

    /// <summary>Calls an operation with input and output in the neutral form, streams included.</summary>
    public async Task<OperationData> InvokeAsync(Operation operation, OperationData input, CancellationToken cancellation = default)
    {
        var streamsOutput = operation.Output?.Payload is { } payload && operation.Output.GetMember(payload) is { Streaming: true };
        for (var attempt = 1; ; attempt++)
        {
            var canRetry = attempt <= Options.MaxErrorRetry && (input.Stream is null || input.Stream.CanSeek);
            if (attempt > 1 && input.Stream is { CanSeek: true } rewind)
            {
                rewind.Position = 0;
            }

            var wire = _codec.SerializeRequest(Model, operation, input, Options.ServiceUrl);
            using var request = HttpWireMessages.ToHttp(wire);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (canRetry)
            {
                await Task.Delay(RetryPolicy.Backoff(attempt, Options.BaseBackoff, Options.MaxBackoff), cancellation).ConfigureAwait(false);
                continue;
            }

            var success = response.IsSuccessStatusCode;
            var answer = await HttpWireMessages.FromHttpAsync(response, success && streamsOutput, cancellation).ConfigureAwait(false);
            if (success)
            {
                // A streamed body stays open for the caller (it owns OperationData.Stream); nothing else does.
                if (!streamsOutput)
                {
                    response.Dispose();
                }

                return _codec.ParseResponse(Model, operation, answer);
            }

            response.Dispose();
            var error = _codec.ParseError(Model, answer);
            if (!canRetry || !RetryPolicy.IsRetryable(error))
            {
                throw error;
            }

            await Task.Delay(RetryPolicy.Backoff(attempt, Options.BaseBackoff, Options.MaxBackoff), cancellation).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http.Dispose();
}
