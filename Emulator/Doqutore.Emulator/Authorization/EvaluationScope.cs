namespace Doqutore.Emulator.Authorization;

/// <summary>What a statement is matched against: the request, and the one resource being checked.</summary>
internal readonly struct EvaluationScope(AuthorizationRequest request, string resource)
{
    public AuthorizationRequest Request { get; } = request;

    public string Resource { get; } = resource;

    /// <summary>Condition key or policy variable lookup: request keys first, then the principal's own.</summary>
    public bool TryGetValues(string key, out IReadOnlyList<string> values)
    {
        if (Request.Context.TryGet(key, out var explicitValues))
        {
            values = explicitValues;
            return true;
        }

        return Request.Principal.TryGetKey(key, out values);
    }
}
