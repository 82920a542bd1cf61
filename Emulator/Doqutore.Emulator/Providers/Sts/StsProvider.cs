using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Signing;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Sts;

/// <summary>AWS Security Token Service. AssumeRole arrives with the IAM store and the policy engine.</summary>
public sealed class StsProvider(StsSessions sessions, ISigningKeyStore keys) : AwsServiceProvider
{
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

    private static JsonObject CredentialsJson(StsSessions.Credentials credentials) => new()
    {
        ["AccessKeyId"] = credentials.AccessKeyId,
        ["SecretAccessKey"] = credentials.SecretAccessKey,
        ["SessionToken"] = credentials.SessionToken,
        ["Expiration"] = JsonValue.Create(credentials.Expiration),
    };
}
