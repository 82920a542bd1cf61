namespace Doqutore.Emulator.Authorization;

/// <summary>How to validate a policy document.</summary>
public sealed record PolicyParseOptions
{
    public static readonly PolicyParseOptions Identity = new() { Kind = PolicyDocumentKind.Identity };

    public static readonly PolicyParseOptions Resource = new() { Kind = PolicyDocumentKind.Resource };

    public static readonly PolicyParseOptions RoleTrust = new() { Kind = PolicyDocumentKind.RoleTrust };

    public PolicyDocumentKind Kind { get; init; } = PolicyDocumentKind.Identity;

    /// <summary>
    /// Optional check that an AWS principal ARN exists (IAM rejects a trust or resource policy naming a user or
    /// role that does not exist with "Invalid principal in policy"). Called with the normalised ARN of every
    /// user/role principal (never for "*" or account principals); null accepts any well-formed ARN.
    /// </summary>
    public Func<string, bool>? PrincipalExists { get; init; }
}
