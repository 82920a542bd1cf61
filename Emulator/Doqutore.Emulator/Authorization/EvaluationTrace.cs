namespace Doqutore.Emulator.Authorization;

/// <summary>A statement that matched the request, located by the policy list it came from and its position.</summary>
/// <param name="PolicyType">Which policy of the request: identity-based, boundary, session, resource-based or role trust.</param>
/// <param name="PolicyIndex">The index in <see cref="AuthorizationRequest.IdentityPolicies"/> or <see cref="AuthorizationRequest.SessionPolicies"/>; 0 for the single boundary or resource policy.</param>
/// <param name="StatementIndex">The statement's index in the document.</param>
/// <param name="Effect">The statement's effect.</param>
public readonly record struct MatchedStatement(PolicyType PolicyType, int PolicyIndex, int StatementIndex, PolicyEffect Effect);

/// <summary>
/// What <c>SimulatePrincipalPolicy</c> reports beside the decision: the statements that matched and the
/// condition keys (or policy variables) the policies asked for that the request did not carry. Passing one
/// to <see cref="PolicyEvaluator.Evaluate(AuthorizationRequest, EvaluationTrace?)"/> makes evaluation record
/// every matching statement of each policy it reads (the untraced path stops at the first that decides).
/// Evaluation still stops at the first explicit deny in the order described on <see cref="PolicyEvaluator"/>.
/// </summary>
public sealed class EvaluationTrace
{
    private readonly List<MatchedStatement> _matches = [];
    private readonly SortedSet<string> _missing = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<MatchedStatement> MatchedStatements => _matches;

    /// <summary>Keys referenced by a condition or variable that the request context did not contain.</summary>
    public IReadOnlyCollection<string> MissingContextKeys => _missing;

    internal void AddMatch(MatchedStatement match) => _matches.Add(match);

    internal void AddMissing(string key) => _missing.Add(key);
}
