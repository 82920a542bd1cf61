using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// Finds the service model a request is for, the way AWS's endpoints would if each service had its own
/// host: the <c>X-Amz-Target</c> prefix (json), the <c>Action</c>/<c>Version</c> pair (query), the SigV4
/// credential scope, the S3 virtual host, and finally the REST path. Every embedded model is routable,
/// emulated or not; a request for a service we do not embed gets an AWS-shaped error. Routing reads only
/// the models' metadata, so a model's shapes are parsed when its first request arrives, not at start-up.
/// </summary>
public sealed class ServiceRouter
{
    private readonly IReadOnlyList<ServiceModelInfo> _models = ServiceModels.Index;
    private readonly Dictionary<string, ServiceModelInfo> _byTargetPrefix;

    public ServiceRouter() =>
        _byTargetPrefix = _models
            .Where(m => m.Metadata.Protocol == Protocol.Json && m.Metadata.TargetPrefix is not null)
            .ToDictionary(m => m.Metadata.TargetPrefix!, StringComparer.Ordinal);

    /// <summary>Every routable model, primary and variant.</summary>
    public IReadOnlyList<ServiceModelInfo> Models => _models;

    /// <summary>The model for a request, or an AWS-shaped error in the format the request was sent in.</summary>
    public ServiceModel Route(WireRequest request, CredentialScope? scope)
    {
        var target = request.Headers["X-Amz-Target"];
        if (target is not null)
        {
            var dot = target.LastIndexOf('.');
            var prefix = dot < 0 ? target : target[..dot];
            return _byTargetPrefix.TryGetValue(prefix, out var json)
                ? ServiceModels.Get(json)
                : throw Unknown($"No service answers the target '{target}'.");
        }

        var signingName = scope?.Service;
        if (LooksLikeQuery(request))
        {
            var version = Parameter(request, "Version");
            var action = Parameter(request, "Action");
            var candidates = _models.Where(m => m.Metadata.Protocol == Protocol.Query && (signingName is null || m.Metadata.SigningName == signingName)).ToArray();
            var chosen = candidates.FirstOrDefault(m => m.Metadata.ApiVersion == version)
                ?? candidates.FirstOrDefault(m => action is not null && ServiceModels.Get(m).FindOperation(action) is not null)
                ?? (candidates.Length == 1 ? candidates[0] : null)
                ?? throw Unknown(signingName is null ? $"No query service has the API version '{version}'."
                    : _models.Any(m => m.Metadata.SigningName == signingName) ? $"The service '{signingName}' does not take form-encoded (query protocol) requests."
                    : $"The emulator does not serve the service '{signingName}'.");
            return ServiceModels.Get(chosen);
        }

        if (IsS3VirtualHost(request.Host))
        {
            return ServiceModels.Get("s3");
        }

        var rest = _models.Where(m => m.Metadata.Protocol is Protocol.RestJson or Protocol.RestXml).ToArray();
        if (signingName is not null)
        {
            var signed = rest.FirstOrDefault(m => m.Metadata.SigningName == signingName)
                ?? _models.FirstOrDefault(m => m.Metadata.SigningName == signingName)
                ?? throw Unknown($"The emulator does not serve the service '{signingName}'.");
            return ServiceModels.Get(signed);
        }

        // Unsigned REST requests: a REST-json path if one matches, else S3 (browsers, curl, presigned-less GETs).
        return rest.Where(m => m.Metadata.Protocol == Protocol.RestJson)
                   .Select(ServiceModels.Get)
                   .FirstOrDefault(m => ProtocolCodecs.For(m).ResolveOperation(m, request) is not null)
            ?? ServiceModels.Get("s3");
    }

    /// <summary>Query requests: form-encoded bodies, or a GET carrying <c>Action</c>.</summary>
    public static bool LooksLikeQuery(WireRequest request) =>
        (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false)
        || request.QueryLookup.Contains("Action");

    /// <summary><c>bucket.s3.localhost</c>, <c>bucket.localhost</c> and the like (see <see cref="ServiceQuirks.S3VirtualHostSuffixes"/>).</summary>
    public static bool IsS3VirtualHost(string host) => S3VirtualHostBucket(host) is not null;

    /// <summary>The bucket named by a virtual-hosted S3 request's host, or null.</summary>
    public static string? S3VirtualHostBucket(string host)
    {
        var name = host.Split(':')[0].ToLowerInvariant();
        foreach (var suffix in ServiceQuirks.S3VirtualHostSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>The protocol whose error format suits a request we cannot route.</summary>
    public static Protocol GuessProtocol(WireRequest request) =>
        request.Headers.Contains("X-Amz-Target") ? Protocol.Json
        : LooksLikeQuery(request) ? Protocol.Query
        : (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false) ? Protocol.RestJson
        : Protocol.RestXml;

    private static string? Parameter(WireRequest request, string name) =>
        request.Form.FirstOrDefault(p => p.Key == name).Value ?? request.QueryLookup[name].FirstOrDefault();

    /// <summary>A request no embedded service answers; the gateway writes it in the format <see cref="GuessProtocol"/> picks.</summary>
    private static AwsServiceException Unknown(string message) => new("NotImplemented", message, 400);
}
