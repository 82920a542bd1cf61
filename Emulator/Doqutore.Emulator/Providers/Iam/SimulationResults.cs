using System.Text.Json.Nodes;
using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>One simulator EvaluationResult: the engine's decision for one action on one resource, explained.</summary>
internal static class SimulationResults
{
    public static JsonObject Evaluate(AuthorizationRequest request, IReadOnlyList<SimulationPolicy> policies, SimulationPolicy? boundary, bool resourceSpecific)
    {
        var trace = new EvaluationTrace();
        var result = PolicyEvaluator.Evaluate(request, trace);
        var decision = DecisionName(result.Decision);
        var resource = request.Resources[0];

        // Matched statements explain the decision: the denying ones, or the allowing ones; none for an implicit deny.
        var explaining = result.Decision switch
        {
            Decision.ExplicitDeny => trace.MatchedStatements.Where(m => m.Effect == PolicyEffect.Deny),
            Decision.Allow => trace.MatchedStatements.Where(m => m.Effect == PolicyEffect.Allow),
            _ => [],
        };
        var matched = explaining
            .Select(m => Source(m, policies, boundary))
            .Distinct()
            .Select(s => (JsonNode?)new JsonObject { ["SourcePolicyId"] = s.Id, ["SourcePolicyType"] = s.Type })
            .ToArray();
        var missing = trace.MissingContextKeys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray();

        var output = new JsonObject
        {
            ["EvalActionName"] = request.Action,
            ["EvalResourceName"] = resource,
            ["EvalDecision"] = decision,
            ["MatchedStatements"] = new JsonArray(matched),
            ["MissingContextValues"] = new JsonArray(missing),
        };
        var boundaryDetail = boundary is null ? null : BoundaryDetail(request, boundary);
        if (boundaryDetail is not null)
        {
            output["PermissionsBoundaryDecisionDetail"] = boundaryDetail;
        }

        if (resourceSpecific)
        {
            var specific = new JsonObject
            {
                ["EvalResourceName"] = resource,
                ["EvalResourceDecision"] = decision,
                ["MatchedStatements"] = new JsonArray([.. matched.Select(m => m!.DeepClone())]),
                ["MissingContextValues"] = new JsonArray([.. missing.Select(m => m!.DeepClone())]),
            };
            if (boundaryDetail is not null)
            {
                specific["PermissionsBoundaryDecisionDetail"] = boundaryDetail.DeepClone();
            }

            output["ResourceSpecificResults"] = new JsonArray(specific);
        }

        return output;
    }

    public static string DecisionName(Decision decision) => decision switch
    {
        Decision.Allow => "allowed",
        Decision.ExplicitDeny => "explicitDeny",
        _ => "implicitDeny",
    };

    /// <summary>Whether the boundary by itself allows: the same engine, with the boundary as the only identity policy.</summary>
    private static JsonObject BoundaryDetail(AuthorizationRequest request, SimulationPolicy boundary)
    {
        var alone = new AuthorizationRequest(request.Principal, request.Action, [.. request.Resources])
        {
            Context = request.Context,
            IdentityPolicies = [boundary.Document],
        };
        return new JsonObject { ["AllowedByPermissionsBoundary"] = PolicyEvaluator.Evaluate(alone).IsAllowed };
    }

    private static (string Id, string Type) Source(MatchedStatement match, IReadOnlyList<SimulationPolicy> policies, SimulationPolicy? boundary) => match.PolicyType switch
    {
        PolicyType.IdentityBased when match.PolicyIndex < policies.Count => (policies[match.PolicyIndex].Id, policies[match.PolicyIndex].Type),
        PolicyType.PermissionsBoundary when boundary is not null => (boundary.Id, boundary.Type),
        _ => ("ResourcePolicy", "resource"),
    };
}
