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
    private readonly ServiceModelInfo[] _query;
    private readonly ServiceModelInfo[] _rest;

    public ServiceRouter()
    {
        _byTargetPrefix = _models
            .Where(m => m.Metadata.Protocol == Protocol.Json && m.Metadata.TargetPrefix is not null)
            .ToDictionary(m => m.Metadata.TargetPrefix!, StringComparer.Ordinal);
        _query = _models.Where(m => m.Metadata.Protocol == Protocol.Query).ToArray();
        _rest = _models.Where(m => m.Metadata.Protocol is Protocol.RestJson or Protocol.RestXml).ToArray();
    }

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

        if (IsQuery(request, scope))
        {
            return ServiceModels.Get(RouteQuery(request, signingName));
        }

        if (IsS3VirtualHost(request.Host))
        {
            return ServiceModels.Get("s3");
        }

        if (signingName is not null)
        {
            var signed = Array.Find(_rest, m => m.Metadata.SigningName == signingName)
                ?? FindBySigningName(signingName)
                ?? throw Unknown($"The emulator does not serve the service '{signingName}'.");
            return ServiceModels.Get(signed);
        }

        // Unsigned REST requests: a REST-json path if one matches, else S3 (browsers, curl, presigned-less GETs).
        return _rest.Where(m => m.Metadata.Protocol == Protocol.RestJson)
                   .Select(ServiceModels.Get)
                   .FirstOrDefault(m => ProtocolCodecs.For(m).ResolveOperation(m, request) is not null)
            ?? ServiceModels.Get("s3");
    }

    private ServiceModelInfo RouteQuery(WireRequest request, string? signingName)
    {
        var version = Parameter(request, "Version");
        var action = Parameter(request, "Action");
        ServiceModelInfo? only = null;
        var count = 0;
        foreach (var candidate in _query)
        {
            if (IsCandidate(candidate, signingName))
            {
                if (candidate.Metadata.ApiVersion == version)
                {
                    return candidate;
                }

                only = candidate;
                count++;
            }
        }

        // Without a known version, the action decides (parsing a candidate's model only now).
        foreach (var candidate in _query)
        {
            if (IsCandidate(candidate, signingName) && action is not null && ServiceModels.Get(candidate).FindOperation(action) is not null)
            {
                return candidate;
            }
        }

        return (count == 1 ? only : null)
            ?? throw Unknown(signingName is null ? $"No query service has the API version '{version}'."
                : FindBySigningName(signingName) is not null ? $"The service '{signingName}' does not take form-encoded (query protocol) requests."
                : $"The emulator does not serve the service '{signingName}'.");
    }

    private static bool IsCandidate(ServiceModelInfo model, string? signingName) =>
        signingName is null || model.Metadata.SigningName == signingName;

    /// <summary>
    /// Whether the request is a query-protocol call: it <see cref="LooksLikeQuery"/>, and is not a form-encoded POST
    /// signed for a REST-only service (S3 DeleteObjects from a client that labels every POST as a form): only the
    /// Action parameter makes a query call to such a service.
    /// </summary>
    public bool IsQuery(WireRequest request, CredentialScope? scope) =>
        LooksLikeQuery(request) && !IsRestFormPost(request, scope?.Service);

    private bool IsRestFormPost(WireRequest request, string? signingName) =>
        signingName is not null
        && !request.QueryLookup.Contains("Action")
        && Array.Exists(_rest, m => m.Metadata.SigningName == signingName)
        && !Array.Exists(_query, m => m.Metadata.SigningName == signingName);

    private ServiceModelInfo? FindBySigningName(string signingName)
    {
        foreach (var model in _models)
        {
            if (model.Metadata.SigningName == signingName)
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>
    /// Query requests: a form-encoded POST, or a GET or POST carrying <c>Action</c> in its URL. A PUT, DELETE,
    /// HEAD or PATCH never is, whatever its content type (an unsigned S3 upload labelled as a form is still S3).
    /// </summary>
    public static bool LooksLikeQuery(WireRequest request)
    {
        var post = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        if (post && (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return true;
        }

        return (post || string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase))
            && request.RawQuery.Length > 0
            && request.QueryLookup.Contains("Action");
    }

    /// <summary><c>bucket.s3.localhost</c>, <c>bucket.localhost</c> and the like (see <see cref="ServiceQuirks.S3VirtualHostSuffixes"/>).</summary>
    public static bool IsS3VirtualHost(string host) => S3VirtualHostBucket(host) is not null;

    /// <summary>The bucket named by a virtual-hosted S3 request's host, or null.</summary>
    public static string? S3VirtualHostBucket(string host)
    {
        var colon = host.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? host.AsSpan() : host.AsSpan(0, colon);
        foreach (var suffix in ServiceQuirks.S3VirtualHostSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length].ToString().ToLowerInvariant();
            }
        }

        return null;
    }

    /// <summary>The protocol whose error format suits a request we cannot route.</summary>
    public Protocol GuessProtocol(WireRequest request) =>
        request.Headers.Contains("X-Amz-Target") ? Protocol.Json
        : IsQuery(request, CredentialScope.Read(request)) ? Protocol.Query
        : (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false) ? Protocol.RestJson
        : Protocol.RestXml;

    private static string? Parameter(WireRequest request, string name)
    {
        foreach (var (key, value) in request.Form)
        {
            if (key == name)
            {
                return value;
            }
        }

        return request.QueryLookup[name].FirstOrDefault();
    }

    /// <summary>A request no embedded service answers; the gateway writes it in the format <see cref="GuessProtocol"/> picks.</summary>
    private static AwsServiceException Unknown(string message) => new("NotImplemented", message, 400);
}
