namespace Doqutore.Emulator.Core;

/// <summary>The kinds of caller AWS distinguishes in authorization and CloudTrail's <c>userIdentity.type</c>.</summary>
public enum PrincipalType
{
    Root,
    IAMUser,
    AssumedRole,
    Anonymous,
}

/// <summary>Who made a request, as resolved from its credentials.</summary>
/// <param name="Type">The principal type.</param>
/// <param name="AccountId">The account the principal belongs to.</param>
/// <param name="Arn">The principal's ARN (<c>arn:aws:iam::000000000000:root</c>).</param>
/// <param name="UserId">The <c>aws:userid</c> value: the account id for root, <c>AIDA…</c> for users, <c>AROA…:session</c> for role sessions.</param>
/// <param name="AccessKeyId">The access key the request was signed with, if any.</param>
public sealed record Principal(PrincipalType Type, string AccountId, string Arn, string UserId, string? AccessKeyId)
{
    /// <summary>When the temporary credentials in use were issued (<c>aws:TokenIssueTime</c>); null for long-term keys.</summary>
    public DateTimeOffset? TokenIssueTime { get; init; }

    /// <summary>Session policies passed to <c>AssumeRole</c> (JSON documents); they limit the session further.</summary>
    public IReadOnlyList<string> SessionPolicies { get; init; } = [];

    public static Principal Root(string accountId, string accessKeyId) =>
        new(PrincipalType.Root, accountId, $"arn:aws:iam::{accountId}:root", accountId, accessKeyId);

    public static Principal Anonymous(string accountId) =>
        new(PrincipalType.Anonymous, accountId, "anonymous", "anonymous", null);
}
