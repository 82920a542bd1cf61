using System.Globalization;
using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Iam;

namespace Doqutore.Emulator.Recording;

/// <summary>CloudTrail's <c>userIdentity</c> for each kind of caller (reference §1.3), fields in AWS's order.</summary>
public sealed class UserIdentity(IIamIdentityLookup iam)
{
    public JsonObject For(Principal caller) => caller.Type switch
    {
        PrincipalType.Root => WithSession(new JsonObject
        {
            ["type"] = "Root",
            ["principalId"] = caller.AccountId,
            ["arn"] = caller.Arn,
            ["accountId"] = caller.AccountId,
            ["accessKeyId"] = caller.AccessKeyId ?? string.Empty,
        }, caller, issuer: null),
        PrincipalType.IAMUser => WithSession(new JsonObject
        {
            ["type"] = "IAMUser",
            ["principalId"] = caller.UserId,
            ["arn"] = caller.Arn,
            ["accountId"] = caller.AccountId,
            ["accessKeyId"] = caller.AccessKeyId ?? string.Empty,
            ["userName"] = caller.Arn[(caller.Arn.LastIndexOf('/') + 1)..],
        }, caller, issuer: null),
        PrincipalType.AssumedRole => WithSession(new JsonObject
        {
            ["type"] = "AssumedRole",
            ["principalId"] = caller.UserId,
            ["arn"] = caller.Arn,
            ["accountId"] = caller.AccountId,
            ["accessKeyId"] = caller.AccessKeyId ?? string.Empty,
        }, caller, SessionIssuer(caller)),

        // S3's anonymous requests (the 2023 S3 guide queries accountId = 'anonymous').
        _ => new JsonObject
        {
            ["type"] = "AWSAccount",
            ["principalId"] = string.Empty,
            ["accountId"] = "anonymous",
        },
    };

    /// <summary>The name LookupEvents reports: the user or role name, <c>root</c> for root.</summary>
    public static string? Username(Principal caller) => caller.Type switch
    {
        PrincipalType.Root => "root",
        PrincipalType.IAMUser => caller.Arn[(caller.Arn.LastIndexOf('/') + 1)..],
        PrincipalType.AssumedRole => caller.Arn.Split('/')[1],
        _ => null,
    };

    /// <summary>Temporary credentials add a session context; a role session names the role that issued it.</summary>
    private static JsonObject WithSession(JsonObject identity, Principal caller, JsonObject? issuer)
    {
        if (caller.TokenIssueTime is not { } issued)
        {
            return identity;
        }

        identity["sessionContext"] = new JsonObject
        {
            ["sessionIssuer"] = issuer ?? [],
            ["webIdFederationData"] = new JsonObject(),
            ["attributes"] = new JsonObject
            {
                ["creationDate"] = issued.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["mfaAuthenticated"] = "false",
            },
        };
        return identity;
    }

    /// <summary>The role behind a session: its id, its ARN with path, and its name as <c>userName</c>.</summary>
    private JsonObject SessionIssuer(Principal caller)
    {
        // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION; principal id AROA…:SESSION.
        var roleName = caller.Arn.Split('/')[1];
        var role = iam.FindRole(caller.AccountId, roleName);
        return new JsonObject
        {
            ["type"] = "Role",
            ["principalId"] = role?.RoleId ?? caller.UserId[..Math.Max(0, caller.UserId.IndexOf(':', StringComparison.Ordinal))],
            ["arn"] = role?.Arn ?? $"arn:aws:iam::{caller.AccountId}:role/{roleName}",
            ["accountId"] = caller.AccountId,
            ["userName"] = roleName,
        };
    }
}
