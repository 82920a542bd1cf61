namespace Doqutore.Emulator.Authorization;

/// <summary>
/// The <c>MalformedPolicyDocument</c> messages. AWS does not document them (reference §4.4: unverified); the
/// ones marked "seen" are what the AWS CLI shows in practice, the others are best guesses in IAM's style.
/// </summary>
public static class PolicyErrors
{
    /// <summary>Seen: invalid JSON, wrong element types, unknown elements.</summary>
    public const string SyntaxErrors = "Syntax errors in policy.";

    /// <summary>Seen: an unsupported Version value.</summary>
    public const string LegacyParsing = "The policy failed legacy parsing";

    /// <summary>Seen: Principal or NotPrincipal in an identity-based policy.</summary>
    public const string PrincipalNotAllowed = "Policy document should not specify a principal.";

    /// <summary>Seen.</summary>
    public const string MissingEffect = "Missing required field Effect";

    /// <summary>Guess, in the style of <see cref="MissingEffect"/>: a trust or resource policy statement without Principal.</summary>
    public const string MissingPrincipal = "Missing required field Principal";

    /// <summary>Seen.</summary>
    public const string MissingActions = "Policy statement must contain actions.";

    /// <summary>Seen.</summary>
    public const string MissingResources = "Policy statement must contain resources.";

    /// <summary>Seen: an action or condition key without a <c>vendor:</c> prefix.</summary>
    public const string MissingVendor = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

    /// <summary>Seen: a Sid with characters other than ASCII letters and digits (identity policies).</summary>
    public const string SidNotAlphanumeric = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";

    /// <summary>Guess: two statements with the same Sid.</summary>
    public const string DuplicateSid = "Statement IDs (SID) in a single policy must be unique.";

    /// <summary>Seen (role trust policies): a Resource element where it is not allowed.</summary>
    public static string ProhibitedField(string field) => $"Has prohibited field {field}";

    /// <summary>Seen: <c>Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/nobody"</c>.</summary>
    public static string InvalidPrincipal(string type, string value) => $"Invalid principal in policy: \"{type}\":\"{value}\"";

    /// <summary>Seen: a Resource that is neither "*" nor an ARN.</summary>
    public static string ResourceNotArn(string resource) => $"Resource {resource} must be in ARN format or \"*\".";

    /// <summary>Guess: an Effect other than Allow or Deny.</summary>
    public static string InvalidEffect(string effect) => $"Invalid effect: {effect}";

    /// <summary>Guess (seen in this form in forum reports, not confirmed): an unknown condition operator.</summary>
    public static string InvalidConditionType(string name) => $"Invalid Condition type : {name}.";

    /// <summary>Guess: characters outside tab, LF, CR and U+0020–U+00FF.</summary>
    public const string InvalidCharacters = "Syntax errors in policy.";
}
