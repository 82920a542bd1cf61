namespace Doqutore.Emulator.Authorization;

/// <summary>
/// A resource-based policy that takes part in authorizing a request: a role's trust policy for
/// <c>sts:AssumeRole</c> now; S3 bucket policies, SQS queue policies, SNS topic policies and Lambda
/// permissions implement this as their services arrive.
/// </summary>
public interface IResourcePolicySource
{
    /// <summary>The policy attached to <paramref name="resourceArn"/> that governs <paramref name="action"/>, or null.</summary>
    ResourcePolicy? Find(string accountId, string action, string resourceArn);
}

/// <summary>A resource-based policy document and whether it is a role trust policy (which must allow explicitly).</summary>
/// <param name="Document">The policy JSON.</param>
/// <param name="IsRoleTrust">True for a role trust policy.</param>
public sealed record ResourcePolicy(string Document, bool IsRoleTrust);
