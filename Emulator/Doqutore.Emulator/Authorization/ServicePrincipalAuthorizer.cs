using Doqutore.Emulator.Delivery;
using Doqutore.Emulator.Hosting;
using Microsoft.Extensions.Options;

namespace Doqutore.Emulator.Authorization;

/// <summary>
/// Authorizes an AWS service acting for one of its resources (<see cref="ServiceCaller"/>) against the target's
/// resource policy, the only policy that can grant a service principal anything. No policy means no access,
/// as for EventBridge sending to a queue without a queue policy. <c>Audit</c> and <c>Off</c> modes let it through.
/// </summary>
public sealed partial class ServicePrincipalAuthorizer(
    IEnumerable<IResourcePolicySource> resourcePolicies,
    PolicyCache policies,
    IOptions<EmulatorOptions> options,
    ILogger<ServicePrincipalAuthorizer> logger) : IServicePrincipalAuthorizer
{
    public bool IsAllowed(ServiceCaller caller, string action, string resourceArn, IReadOnlyDictionary<string, string>? requestKeys = null)
    {
        var mode = options.Value.Authorization;
        if (mode == AuthorizationMode.Off)
        {
            return true;
        }

        var allowed = Evaluate(caller, action, resourceArn, requestKeys);
        if (!allowed && mode == AuthorizationMode.Audit)
        {
            LogWouldDeny(logger, caller.ServicePrincipal, action, resourceArn);
            return true;
        }

        return allowed;
    }

    private bool Evaluate(ServiceCaller caller, string action, string resourceArn, IReadOnlyDictionary<string, string>? requestKeys)
    {
        var policy = resourcePolicies.Select(source => source.Find(caller.SourceAccount, action, resourceArn)).FirstOrDefault(found => found is not null);
        if (policy is null)
        {
            return caller.AllowedByRole;
        }

        var principal = new RequestPrincipal(PrincipalKind.Service, caller.ServicePrincipal, caller.SourceAccount, caller.ServicePrincipal);
        var keys = new RequestContextKeys()
            .Set("aws:SourceArn", caller.SourceArn)
            .Set("aws:SourceAccount", caller.SourceAccount)
            .Set("aws:PrincipalServiceName", caller.ServicePrincipal);
        foreach (var (name, value) in requestKeys ?? new Dictionary<string, string>())
        {
            keys.Set(name, value);
        }

        var request = new AuthorizationRequest(principal, action, resourceArn)
        {
            Context = keys,
            ResourcePolicy = policies.Get(policy.Document, PolicyDocumentKind.Resource),
        };
        var result = PolicyEvaluator.Evaluate(request);
        return result.IsAllowed || (caller.AllowedByRole && result.Decision != Decision.ExplicitDeny);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: service {Principal} would be denied {Action} on {Resource}")]
    private static partial void LogWouldDeny(ILogger logger, string principal, string action, string resource);
}
