using System.Collections.Concurrent;
using System.Globalization;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Authorization.Requests;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Hosting;
using Doqutore.Emulator.Providers.Iam;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Gateway;

/// <summary>
/// Step 4 of the chain: IAM policy evaluation as the IAM User Guide describes it. The request becomes an
/// action (<see cref="IamActions"/>), resources (<see cref="ResourceArns"/>) and context keys; the caller's
/// identity policies and permissions boundary come from the IAM store; <see cref="PolicyEvaluator"/> decides.
/// Root is allowed everything (no SCPs here), as are unsigned operations and <c>sts:GetCallerIdentity</c>,
/// which AWS answers even under an explicit deny.
/// </summary>
public sealed partial class IamAuthorizer(
    IIamIdentityLookup iam,
    IEnumerable<IResourcePolicySource> resourcePolicies,
    PolicyCache policies,
    IOptions<EmulatorOptions> options,
    TimeProvider clock,
    ILogger<IamAuthorizer> logger) : IRequestAuthorizer
{
    public void Authorize(RequestContext context)
    {
        var mode = options.Value.Authorization;
        var model = context.Service!;
        var operation = context.Operation!;
        if (mode == AuthorizationMode.Off || operation.AuthType == "none" || (model.Id == "sts" && operation.Name == "GetCallerIdentity"))
        {
            return;
        }

        if (context.Principal.AccessKeyId is { } keyId && context.Principal.Type == PrincipalType.IAMUser)
        {
            iam.RecordAccessKeyUse(keyId, IamActions.PrefixOf(model), context.Region, context.ReceivedAt);
        }

        var caller = context.Principal;
        var action = _actions.GetOrAdd(operation, static (o, m) => IamActions.For(m, o), model);
        var resources = ResourceArns.For(model, operation, context.Input?.Values ?? [], caller.AccountId, context.Region, caller.Type == PrincipalType.IAMUser ? caller.Arn : null).ToArray();
        context.ResourceArns = resources;
        var resourcePolicy = resources.Length == 1 ? FindResourcePolicy(caller.AccountId, action, resources[0]) : null;

        // Root may do everything, unless a resource policy says otherwise (a role's trust must still allow).
        if (caller.Type == PrincipalType.Root && resourcePolicy is null)
        {
            return;
        }

        var request = BuildRequest(context, action, resources, resourcePolicy);
        var result = PolicyEvaluator.Evaluate(request);
        if (result.IsAllowed)
        {
            return;
        }

        var message = AccessDeniedMessage.For(request, result);
        if (mode == AuthorizationMode.Audit)
        {
            LogWouldDeny(logger, request.Principal.Arn, request.Action, result.Resource);
            return;
        }

        throw AccessDenied(model.Protocol, message);
    }

    /// <summary>The access-denied error in the routed protocol's words (reference §4.2).</summary>
    public static AwsServiceException AccessDenied(Protocol protocol, string message) => protocol switch
    {
        // DynamoDB documents 400 for AccessDeniedException; the other json services follow the same coral convention.
        Protocol.Json => new AwsServiceException("AccessDeniedException", message, 400) { QueryErrorCode = "AccessDenied" },
        Protocol.RestJson => new AwsServiceException("AccessDeniedException", message, 403),
        _ => new AwsServiceException("AccessDenied", message, 403),
    };

    private AuthorizationRequest BuildRequest(RequestContext context, string action, string[] resources, ResourcePolicy? resourcePolicy)
    {
        var caller = context.Principal;
        var (principal, identity) = Resolve(caller);
        return new AuthorizationRequest(principal, action, resources)
        {
            Context = ContextKeys(context, context.Input?.Values ?? []),
            IdentityPolicies = identity?.Policies.Select(p => policies.Get(p.Document)).ToArray() ?? [],
            PermissionsBoundary = identity?.PermissionsBoundary is { } boundary ? policies.Get(boundary) : null,
            SessionPolicies = caller.SessionPolicies.Count > 0 ? caller.SessionPolicies.Select(p => policies.Get(p)).ToArray() : null,
            ResourcePolicy = resourcePolicy is null ? null : policies.Get(resourcePolicy.Document, resourcePolicy.IsRoleTrust ? PolicyDocumentKind.RoleTrust : PolicyDocumentKind.Resource),
            ResourcePolicyIsRoleTrust = resourcePolicy?.IsRoleTrust ?? false,
        };
    }

    private ResourcePolicy? FindResourcePolicy(string accountId, string action, string resource)
    {
        foreach (var source in resourcePolicies)
        {
            if (source.Find(accountId, action, resource) is { } policy)
            {
                return policy;
            }
        }

        return null;
    }

    /// <summary>The caller as policy evaluation sees it, with the identity policies that apply to it.</summary>
    private (RequestPrincipal Principal, IamIdentityPolicies? Identity) Resolve(Principal caller)
    {
        switch (caller.Type)
        {
            case PrincipalType.IAMUser:
            {
                var name = SplitResource(caller.Arn, "user").Name;
                var identity = iam.UserPolicies(caller.AccountId, name);
                var user = new RequestPrincipal(PrincipalKind.User, caller.Arn, caller.AccountId, caller.UserId)
                {
                    UserName = name,
                    Tags = identity?.Tags ?? NoTags,
                };
                return (user, identity);
            }

            case PrincipalType.AssumedRole:
            {
                // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION; the role's path lives in IAM.
                var parts = caller.Arn.Split('/');
                var role = iam.FindRole(caller.AccountId, parts[1]);
                var identity = iam.RolePolicies(caller.AccountId, parts[1]);
                var session = new RequestPrincipal(PrincipalKind.AssumedRole, caller.Arn, caller.AccountId, caller.UserId)
                {
                    RoleArn = role?.Arn ?? $"arn:aws:iam::{caller.AccountId}:role/{parts[1]}",
                    Tags = identity?.Tags ?? NoTags,
                };
                return (session, identity);
            }

            case PrincipalType.Root:
                return (RequestPrincipal.Root(caller.AccountId), null);

            default:
                return (new RequestPrincipal(PrincipalKind.Anonymous, "anonymous", caller.AccountId, "anonymous"), null);
        }
    }

    /// <summary>The global condition keys AWS sets on every request, plus the service keys our policies use.</summary>
    private RequestContextKeys ContextKeys(RequestContext context, System.Text.Json.Nodes.JsonObject input)
    {
        var now = clock.GetUtcNow();
        var keys = new RequestContextKeys()
            .Set("aws:SourceIp", context.SourceIp)
            .Set("aws:CurrentTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Set("aws:EpochTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Set("aws:SecureTransport", context.Request.Scheme == "https" ? "true" : "false")
            .Set("aws:RequestedRegion", context.Region);
        if (context.Principal.TokenIssueTime is { } issued)
        {
            keys.Set("aws:TokenIssueTime", issued.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            keys.Set("aws:MultiFactorAuthPresent", "false");
        }

        foreach (var (member, key) in ServiceConditionKeys)
        {
            if ((string?)input[member] is { } value)
            {
                keys.Set(key, value);
            }
        }

        return keys;
    }

    /// <summary>The IAM action of each operation, computed once (operations are the models' own, long-lived objects).</summary>
    private readonly ConcurrentDictionary<Operation, string> _actions = new(ReferenceEqualityComparer.Instance);

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    /// <summary>Service-specific condition keys read from the input (iam:PolicyARN on Attach*/Detach*Policy, …).</summary>
    private static readonly (string Member, string Key)[] ServiceConditionKeys =
    [
        ("PolicyArn", "iam:PolicyARN"),
        ("PermissionsBoundary", "iam:PermissionsBoundary"),
        ("ExternalId", "sts:ExternalId"),
    ];

    private static (string Path, string Name) SplitResource(string arn, string kind)
    {
        var resource = arn[(arn.IndexOf($":{kind}/", StringComparison.Ordinal) + kind.Length + 1)..];
        var slash = resource.LastIndexOf('/');
        return (resource[..(slash + 1)], resource[(slash + 1)..]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: {Principal} would be denied {Action} on {Resource}")]
    private static partial void LogWouldDeny(ILogger logger, string principal, string action, string resource);
}
