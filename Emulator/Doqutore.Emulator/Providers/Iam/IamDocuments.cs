using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// Validates every policy document IAM accepts with the policy engine's parser (the one that enforces),
/// which throws <c>MalformedPolicyDocument</c> with IAM's wording.
/// </summary>
internal static class IamDocuments
{
    /// <summary>An identity policy: managed policy version, inline policy or permissions boundary.</summary>
    public static void ValidateIdentity(string document) => PolicyDocument.Parse(document, PolicyParseOptions.Identity);

    /// <summary>A role trust policy; principals in this account must exist (IAM: "Invalid principal in policy").</summary>
    public static void ValidateTrust(string document, IamAccount account) =>
        PolicyDocument.Parse(document, PolicyParseOptions.RoleTrust with { PrincipalExists = arn => PrincipalExists(account, arn) });

    private static bool PrincipalExists(IamAccount account, string arn)
    {
        var prefix = $"arn:aws:iam::{account.AccountId}:";
        if (!arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Another account's principals are not this account's to know.
            return true;
        }

        var resource = arn[prefix.Length..];
        var name = resource[(resource.LastIndexOf('/') + 1)..];
        return resource switch
        {
            "root" => true,
            _ when resource.StartsWith("user/", StringComparison.Ordinal) => account.Users.TryGetValue(name, out var user) && user.Arn == arn,
            _ when resource.StartsWith("role/", StringComparison.Ordinal) => account.Roles.TryGetValue(name, out var role) && role.Arn == arn,
            _ => true,
        };
    }
}
