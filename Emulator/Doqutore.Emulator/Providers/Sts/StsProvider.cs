using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Signing;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Iam;

namespace Doqutore.Emulator.Providers.Sts;

/// <summary>
/// AWS Security Token Service. The gateway's authorizer has already checked <c>sts:AssumeRole</c> against the
/// caller's policies and the role's trust policy before <see cref="AssumeRole"/> runs.
/// </summary>
public sealed partial class StsProvider(StsSessions sessions, ISigningKeyStore keys, IIamIdentityLookup iam) : AwsServiceProvider
{
    /// <summary>Session policies may hold at most this many characters (IAM User Guide, STS quotas).</summary>
    private const int MaxSessionPolicyCharacters = 2048;

    /// <summary>Role chaining (a session assuming a role) is limited to one hour.</summary>
    private const int MaxChainedSeconds = 3600;

    private static readonly TimeSpan DefaultSessionDuration = TimeSpan.FromHours(12);

    public override string ServiceId => "sts";

    /// <summary>
    /// Who the caller is. AWS answers it for every authenticated caller, even one with an explicit deny on
    /// <c>sts:GetCallerIdentity</c>.
    /// </summary>
    public JsonObject GetCallerIdentity(RequestContext context, JsonObject input) => new()
    {
        ["UserId"] = context.Principal.UserId,
        ["Account"] = context.Principal.AccountId,
        ["Arn"] = context.Principal.Arn,
    };

    /// <summary>
    /// Temporary credentials acting as the calling user or root (IAM User Guide: 900 s to 36 h for users,
    /// at most 1 h for root; not callable with session credentials).
    /// </summary>
    public JsonObject GetSessionToken(RequestContext context, JsonObject input)
    {
        var caller = context.Principal;
        if (caller.TokenIssueTime is not null)
        {
            throw new AwsServiceException("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
        }

        var seconds = (long?)input["DurationSeconds"] ?? (long)DefaultSessionDuration.TotalSeconds;
        var max = caller.Type == PrincipalType.Root ? 3600 : 129600;
        if (seconds is < 900 || seconds > max)
        {
            var bound = seconds < 900 ? "greater than or equal to 900" : $"less than or equal to {max}";
            throw new AwsServiceException(
                "ValidationError",
                $"1 validation error detected: Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value {bound}");
        }

        return new JsonObject { ["Credentials"] = CredentialsJson(sessions.Issue(caller, TimeSpan.FromSeconds(Math.Min(seconds, max)))) };
    }

    /// <summary>
    /// The account an access key belongs to. AWS answers for any well-formed key id, known or not, because
    /// the account is encoded in the id; keys this emulator knows answer from its stores first.
    /// </summary>
    public JsonObject GetAccessKeyInfo(RequestContext context, JsonObject input)
    {
        var keyId = (string?)input["AccessKeyId"] ?? string.Empty;
        if (keyId.Length < 16)
        {
            throw new AwsServiceException(
                "ValidationError",
                $"1 validation error detected: Value '{keyId}' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16");
        }

        var account = (keys.Find(keyId)?.Principal as Principal)?.AccountId
            ?? AccessKeyIds.AccountOf(keyId)
            ?? throw new AwsServiceException("InvalidParameterValue", $"The access key ID '{keyId}' is not valid.");
        return new JsonObject { ["Account"] = account };
    }

    /// <summary>
    /// Credentials of a role session (<c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>), valid for 15 minutes
    /// up to the role's maximum session duration (one hour when a session assumes a role).
    /// </summary>
    public JsonObject AssumeRole(RequestContext context, JsonObject input)
    {
        var roleArn = Required(input, "RoleArn", "roleArn");
        var sessionName = Required(input, "RoleSessionName", "roleSessionName");
        if (sessionName.Length is < 2 or > 64 || !SessionNamePattern().IsMatch(sessionName))
        {
            throw new AwsServiceException(
                "ValidationError",
                $"1 validation error detected: Value '{sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }

        var sessionPolicy = (string?)input["Policy"];
        if (sessionPolicy is not null)
        {
            if (PolicyDocument.CountNonWhitespaceCharacters(sessionPolicy) > MaxSessionPolicyCharacters)
            {
                throw new AwsServiceException("PackedPolicyTooLarge", "Packed size of the session policy exceeds the limit.");
            }

            PolicyDocument.Parse(sessionPolicy, PolicyDocumentKind.Identity);
        }

        var caller = context.Principal;
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var role = roleArn.StartsWith($"arn:aws:iam::{caller.AccountId}:role/", StringComparison.Ordinal) ? iam.FindRole(caller.AccountId, roleName) : null;
        if (role is null || role.Arn != roleArn)
        {
            // AWS does not say whether the role exists: a missing role is refused like an untrusting one.
            throw new AwsServiceException("AccessDenied", AccessDeniedMessage.For(caller.Arn, "sts:AssumeRole", roleArn, Decision.ImplicitDeny, PolicyType.RoleTrustPolicy), 403);
        }

        var max = caller.Type == PrincipalType.AssumedRole ? Math.Min(MaxChainedSeconds, role.MaxSessionDuration) : role.MaxSessionDuration;
        var seconds = (long?)input["DurationSeconds"] ?? 3600;
        if (seconds < 900)
        {
            throw new AwsServiceException(
                "ValidationError",
                $"1 validation error detected: Value '{seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }

        if (seconds > max)
        {
            throw new AwsServiceException("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var assumedRoleId = $"{role.RoleId}:{sessionName}";
        var arn = $"arn:aws:sts::{role.AccountId}:assumed-role/{role.RoleName}/{sessionName}";
        var session = new Principal(PrincipalType.AssumedRole, role.AccountId, arn, assumedRoleId, null)
        {
            SessionPolicies = sessionPolicy is null ? [] : [sessionPolicy],
        };
        return new JsonObject
        {
            ["Credentials"] = CredentialsJson(sessions.Issue(session, TimeSpan.FromSeconds(seconds))),
            ["AssumedRoleUser"] = new JsonObject { ["AssumedRoleId"] = assumedRoleId, ["Arn"] = arn },
        };
    }

    private static string Required(JsonObject input, string member, string wireName) =>
        (string?)input[member] ?? throw new AwsServiceException(
            "ValidationError",
            $"1 validation error detected: Value null at '{wireName}' failed to satisfy constraint: Member must not be null");

    [GeneratedRegex(@"^[\w+=,.@-]+$")]
    private static partial Regex SessionNamePattern();

    private static JsonObject CredentialsJson(StsSessions.Credentials credentials) => new()
    {
        ["AccessKeyId"] = credentials.AccessKeyId,
        ["SecretAccessKey"] = credentials.SecretAccessKey,
        ["SessionToken"] = credentials.SessionToken,
        ["Expiration"] = JsonValue.Create(credentials.Expiration),
    };
}
