namespace Doqutore.Emulator.Authorization;

/// <summary>One compiled statement of a policy document.</summary>
public sealed class PolicyStatement
{
    private readonly string[] _exactActions;
    private readonly string[] _wildcardActions;
    private readonly PolicyPattern[]? _resources;
    private readonly ConditionClause[] _conditions;

    internal PolicyStatement(
        string? sid,
        PolicyEffect effect,
        PrincipalElement? principal,
        bool principalNegated,
        IReadOnlyList<string> actions,
        bool actionsNegated,
        IReadOnlyList<string>? resources,
        bool resourcesNegated,
        IReadOnlyList<ConditionClause> conditions,
        bool variablesEnabled)
    {
        Sid = sid;
        Effect = effect;
        Principal = principal;
        PrincipalNegated = principalNegated;
        Actions = actions;
        ActionsNegated = actionsNegated;
        ResourceEntries = resources;
        ResourcesNegated = resourcesNegated;
        _exactActions = [.. actions.Where(a => !Wildcard.HasWildcards(a))];
        _wildcardActions = [.. actions.Where(Wildcard.HasWildcards)];
        _resources = resources?.Select(r => PolicyPattern.Compile(r, variablesEnabled)).ToArray();
        _conditions = [.. conditions];
    }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    /// <summary>The Principal (or, when <see cref="PrincipalNegated"/>, NotPrincipal) element; null in identity policies.</summary>
    public PrincipalElement? Principal { get; }

    public bool PrincipalNegated { get; }

    /// <summary>The Action (or, when <see cref="ActionsNegated"/>, NotAction) entries as written.</summary>
    public IReadOnlyList<string> Actions { get; }

    public bool ActionsNegated { get; }

    /// <summary>The Resource (or NotResource) entries as written; null when the element is absent (resource policies may omit it).</summary>
    public IReadOnlyList<string>? ResourceEntries { get; }

    public bool ResourcesNegated { get; }

    /// <summary>The number of key/operator pairs in the Condition block.</summary>
    public int ConditionCount => _conditions.Length;

    internal bool MatchesAction(string action)
    {
        var listed = false;
        foreach (var exact in _exactActions)
        {
            if (string.Equals(exact, action, StringComparison.OrdinalIgnoreCase))
            {
                listed = true;
                break;
            }
        }

        if (!listed)
        {
            foreach (var pattern in _wildcardActions)
            {
                if (Wildcard.Match(pattern, action, ignoreCase: true))
                {
                    listed = true;
                    break;
                }
            }
        }

        return listed != ActionsNegated;
    }

    /// <summary>Whether the statement applies to the scope's resource; false when a variable in it has no value.</summary>
    internal bool MatchesResource(in EvaluationScope scope)
    {
        if (_resources is null)
        {
            return true;
        }

        var listed = false;
        foreach (var pattern in _resources)
        {
            if (!pattern.TryRenderForMatch(scope, out var glob, out var escaped))
            {
                // An unresolvable variable makes the statement not match at all, Resource or NotResource.
                return false;
            }

            if (Wildcard.MatchArn(glob, scope.Resource, escaped))
            {
                listed = true;
                break;
            }
        }

        return listed != ResourcesNegated;
    }

    internal bool MatchesConditions(in EvaluationScope scope)
    {
        foreach (var condition in _conditions)
        {
            if (!condition.Evaluate(scope))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How the Principal/NotPrincipal names the caller (resource policies).</summary>
    internal PrincipalMatch MatchPrincipal(RequestPrincipal caller)
    {
        if (Principal is null)
        {
            return PrincipalMatch.Direct;
        }

        if (PrincipalNegated)
        {
            return Principal.Excludes(caller) ? PrincipalMatch.None : PrincipalMatch.Limited;
        }

        return Principal.Match(caller);
    }
}
