namespace Doqutore.Emulator.Providers.Iam;

// The mutable state of one account's IAM entities. Every instance is read and written only under its
// account's lock (IamAccount.Gate); nothing here is shared with callers, who get JSON or immutable records.

/// <summary>A key/value tag on a user or role, in insertion order as AWS lists them.</summary>
internal sealed record IamTag(string Key, string Value);

/// <summary>What users, groups and roles share: identity, attached managed policies and inline policies.</summary>
internal abstract class IamPrincipalEntity
{
    protected IamPrincipalEntity(string name, string path, string id, string arn, DateTimeOffset created)
    {
        Name = name;
        Path = path;
        Id = id;
        Arn = arn;
        Created = created;
    }

    // Name, path and ARN change when UpdateUser or UpdateGroup renames or moves the entity.
    public string Name { get; set; }

    public string Path { get; set; }

    public string Id { get; }

    public string Arn { get; set; }

    public DateTimeOffset Created { get; }

    /// <summary>Attached managed policy ARNs, in attachment order.</summary>
    public List<string> AttachedPolicies { get; } = [];

    /// <summary>Inline policies by name (case-sensitive, as AWS keeps them), in creation order.</summary>
    public Dictionary<string, string> InlinePolicies { get; } = new(StringComparer.Ordinal);
}

internal sealed class IamUser(string name, string path, string id, string arn, DateTimeOffset created)
    : IamPrincipalEntity(name, path, id, arn, created)
{
    public string? PermissionsBoundary { get; set; }

    public List<IamTag> Tags { get; } = [];

    public List<IamAccessKey> AccessKeys { get; } = [];

    /// <summary>Group names (as created) the user belongs to, in joining order.</summary>
    public List<string> Groups { get; } = [];

    public IamLoginProfile? LoginProfile { get; set; }
}

internal sealed class IamGroup(string name, string path, string id, string arn, DateTimeOffset created)
    : IamPrincipalEntity(name, path, id, arn, created)
{
    /// <summary>Member user names (as created), in joining order.</summary>
    public List<string> Members { get; } = [];
}

internal sealed class IamRole(string name, string path, string id, string arn, DateTimeOffset created, string trustPolicy)
    : IamPrincipalEntity(name, path, id, arn, created)
{
    public string TrustPolicy { get; set; } = trustPolicy;

    public string? Description { get; set; }

    public int MaxSessionDuration { get; set; } = 3600;

    public string? PermissionsBoundary { get; set; }

    public List<IamTag> Tags { get; } = [];
}

internal sealed class IamAccessKey(string userName, string id, string secret, DateTimeOffset created)
{
    public string UserName { get; } = userName;

    public string Id { get; } = id;

    public string Secret { get; } = secret;

    public DateTimeOffset Created { get; } = created;

    public bool Active { get; set; } = true;

    public DateTimeOffset? LastUsed { get; set; }

    public string? LastUsedService { get; set; }

    public string? LastUsedRegion { get; set; }
}

/// <summary>A console password. The password itself is never kept: only that one exists.</summary>
internal sealed class IamLoginProfile(DateTimeOffset created, bool passwordResetRequired)
{
    public DateTimeOffset Created { get; } = created;

    public bool PasswordResetRequired { get; set; } = passwordResetRequired;
}

internal sealed record IamPolicyVersion(string VersionId, string Document, DateTimeOffset Created);

/// <summary>A customer managed policy with its versions (at most five).</summary>
internal sealed class IamManagedPolicy(string name, string path, string id, string arn, string? description, DateTimeOffset created)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public string Id { get; } = id;

    public string Arn { get; } = arn;

    public string? Description { get; } = description;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Updated { get; set; } = created;

    public List<IamPolicyVersion> Versions { get; } = [];

    public string DefaultVersionId { get; set; } = "v1";

    /// <summary>The number the next version takes (v1, v2, …; numbers are never reused).</summary>
    public int NextVersion { get; set; } = 2;

    public List<IamTag> Tags { get; } = [];

    public IamPolicyVersion DefaultVersion => Versions.First(v => v.VersionId == DefaultVersionId);
}
