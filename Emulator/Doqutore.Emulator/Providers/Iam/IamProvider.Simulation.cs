using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// The policy simulator: <c>SimulateCustomPolicy</c> and <c>SimulatePrincipalPolicy</c>, answered by the
/// engine that enforces (<see cref="PolicyEvaluator"/> with an <see cref="EvaluationTrace"/>), so a simulated
/// decision is the decision a real request would get. A principal's policies are gathered by the store
/// (<see cref="IamStore.UserPolicies"/>, <see cref="IamStore.RolePolicies"/>, <see cref="IamStore.GroupPolicies"/>),
/// the same gathering the gateway's authorizer reads.
/// </summary>
/// <remarks>
/// One evaluation result per action and resource, in input order, paged with <c>MaxItems</c>/<c>Marker</c>.
/// The simulated caller supplies the keys the engine derives from a principal (<c>aws:userid</c>,
/// <c>aws:PrincipalArn</c>, <c>aws:username</c>, its tags when it is a stored user); context entries override
/// them. The engine knows one account, so <c>ResourceOwner</c> is validated and otherwise not used.
/// </remarks>
public sealed partial class IamProvider
{
    public JsonObject SimulateCustomPolicy(RequestContext context, JsonObject input)
    {
        var simulation = ReadSimulation(input);
        var policies = SimulationPolicies.Inputs(IamInput.Strings(input, "PolicyInputList"), "PolicyInputList");
        // Required, but may be empty (an empty list still reaches us as a present, empty member).
        if (input["PolicyInputList"] is null)
        {
            throw IamErrors.Validation("null", "policyInputList", "Member must not be null");
        }

        if (simulation.CallerArn is null && simulation.ResourcePolicy is not null)
        {
            throw IamErrors.InvalidInput("CallerArn must be specified when a ResourcePolicy is included.");
        }

        var principal = simulation.CallerArn is { } caller
            ? SimulatedUser(context.AccountId, caller, null)
            : new RequestPrincipal(PrincipalKind.User, context.Principal.Arn, context.AccountId, context.Principal.UserId);
        return Simulate(simulation, principal, policies, simulation.Boundary);
    }

    public JsonObject SimulatePrincipalPolicy(RequestContext context, JsonObject input)
    {
        var source = IamInput.Arn(input, "PolicySourceArn");
        var simulation = ReadSimulation(input);
        var extra = SimulationPolicies.Inputs(IamInput.Strings(input, "PolicyInputList"), "PolicyInputList");
        var (kind, name) = SplitEntityArn(source, context.AccountId);
        var identity = kind switch
        {
            "user" => store.UserPolicies(context.AccountId, name),
            "role" => store.RolePolicies(context.AccountId, name),
            "group" => store.GroupPolicies(context.AccountId, name),
            _ => null,
        };
        if (identity is null || !string.Equals(identity.Arn, source, StringComparison.Ordinal))
        {
            throw IamErrors.NoSuchEntity($"The {(kind is "user" or "role" or "group" ? kind : "entity")} with ARN {source} cannot be found.");
        }

        var policies = SimulationPolicies.Of(identity, extra);
        var boundary = simulation.Boundary ?? (identity.PermissionsBoundary is { } text
            ? new SimulationPolicy(PolicyDocument.Parse(text), identity.PermissionsBoundaryArn!, "permissions-boundary")
            : null);

        if (simulation.CallerArn is null && simulation.ResourcePolicy is not null && kind != "user")
        {
            throw IamErrors.InvalidInput("CallerArn must be specified when a ResourcePolicy is included and the PolicySourceArn is not a user.");
        }

        var principal = simulation.CallerArn is { } caller ? SimulatedUser(context.AccountId, caller, null)
            : kind switch
            {
                "user" => SimulatedUser(context.AccountId, identity.Arn, identity),
                // A role simulates as a session of itself: aws:PrincipalArn is the role's ARN.
                "role" => new RequestPrincipal(PrincipalKind.AssumedRole, identity.Arn, context.AccountId, identity.UniqueId) { RoleArn = identity.Arn, Tags = identity.Tags },
                _ => new RequestPrincipal(PrincipalKind.User, identity.Arn, context.AccountId, identity.UniqueId),
            };
        return Simulate(simulation, principal, policies, boundary);
    }

    private static JsonObject Simulate(SimulationInput simulation, RequestPrincipal principal, IReadOnlyList<SimulationPolicy> policies, SimulationPolicy? boundary)
    {
        var identity = policies.Select(p => p.Document).ToArray();
        var results = new List<(string Key, JsonObject Result)>();
        foreach (var action in simulation.Actions)
        {
            foreach (var resource in simulation.Resources)
            {
                var request = new AuthorizationRequest(principal, action, resource)
                {
                    Context = simulation.Context,
                    IdentityPolicies = identity,
                    PermissionsBoundary = boundary?.Document,
                    ResourcePolicy = simulation.ResourcePolicy,
                };
                var result = SimulationResults.Evaluate(request, policies, boundary, simulation.ExplicitResources);
                results.Add((results.Count.ToString("D8", CultureInfo.InvariantCulture), result));
            }
        }

        return IamPaging.Page([], "EvaluationResults", results, r => r.Key, r => r.Result, simulation.Paging);
    }

    private static SimulationInput ReadSimulation(JsonObject input)
    {
        var paging = IamPaging.Read(input);
        var actions = IamInput.Strings(input, "ActionNames");
        if (actions.Count == 0)
        {
            throw IamErrors.Validation("null", "actionNames", "Member must not be null");
        }

        foreach (var action in actions)
        {
            IamInput.Length(action, "ActionNames.member", 3, 128);
            if (action.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                throw IamErrors.InvalidInput($"Action name {action} is not in the form service:action.");
            }
        }

        var resources = IamInput.Strings(input, "ResourceArns");
        foreach (var resource in resources)
        {
            IamInput.Length(resource, "ResourceArns.member", 1, 2048);
        }

        var resourcePolicyText = IamInput.Optional(input, "ResourcePolicy");
        var resourcePolicy = resourcePolicyText is null ? null : SimulationPolicies.Parse(resourcePolicyText, PolicyDocumentKind.Resource);
        if (IamInput.Optional(input, "ResourceOwner") is { } owner && !owner.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw IamErrors.InvalidInput($"Invalid ResourceOwner {owner}: an account or user ARN is expected.");
        }

        var callerArn = IamInput.Optional(input, "CallerArn");
        if (callerArn is not null)
        {
            IamInput.Length(callerArn, "CallerArn", 1, 2048);
            if (!callerArn.StartsWith("arn:aws:iam::", StringComparison.Ordinal) || !callerArn.Contains(":user/", StringComparison.Ordinal))
            {
                throw IamErrors.InvalidInput($"Invalid CallerArn {callerArn}: only the ARN of an IAM user can be the simulated caller.");
            }
        }

        var boundaries = SimulationPolicies.Inputs(IamInput.Strings(input, "PermissionsBoundaryPolicyInputList"), "PermissionsBoundaryPolicyInputList");
        if (boundaries.Count > 1)
        {
            throw IamErrors.InvalidInput("Only one permissions boundary policy can be specified.");
        }

        return new SimulationInput(
            actions,
            resources.Count > 0 ? resources : ["*"],
            resources.Count > 0,
            SimulationContext.Read(input),
            resourcePolicy,
            callerArn,
            boundaries.Count == 1 ? boundaries[0] with { Type = "permissions-boundary" } : null,
            paging);
    }

    private static RequestPrincipal SimulatedUser(string accountId, string arn, IamIdentityPolicies? identity)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var account = arn.Split(':') is { Length: > 4 } parts && parts[4].Length > 0 ? parts[4] : accountId;
        return new RequestPrincipal(PrincipalKind.User, arn, account, identity?.UniqueId ?? name)
        {
            UserName = name,
            Tags = identity?.Tags ?? new Dictionary<string, string>(),
        };
    }

    /// <summary><c>arn:aws:iam::ACCOUNT:user/path/name</c> → (<c>user</c>, <c>name</c>); anything else gives an empty kind.</summary>
    private static (string Kind, string Name) SplitEntityArn(string arn, string accountId)
    {
        var prefix = $"arn:aws:iam::{accountId}:";
        if (!arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (string.Empty, string.Empty);
        }

        var resource = arn[prefix.Length..];
        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? (string.Empty, string.Empty) : (resource[..slash], resource[(resource.LastIndexOf('/') + 1)..]);
    }

    private sealed record SimulationInput(
        IReadOnlyList<string> Actions,
        IReadOnlyList<string> Resources,
        bool ExplicitResources,
        RequestContextKeys Context,
        PolicyDocument? ResourcePolicy,
        string? CallerArn,
        SimulationPolicy? Boundary,
        (int MaxItems, string? After) Paging);
}
