namespace Doqutore.Emulator.Authorization;

/// <summary>Where a policy document is used; it decides which elements are required or forbidden.</summary>
public enum PolicyDocumentKind
{
    /// <summary>Identity-based (user, group, role, managed policy), permissions boundary or session policy: no Principal, Resource required.</summary>
    Identity,

    /// <summary>Resource-based (bucket, queue, topic, function policy): Principal or NotPrincipal required, Resource optional.</summary>
    Resource,

    /// <summary>A role trust policy: Principal or NotPrincipal required, Resource forbidden.</summary>
    RoleTrust,
}
