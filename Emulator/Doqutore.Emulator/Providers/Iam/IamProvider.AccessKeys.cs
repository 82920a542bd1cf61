using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Users' long-term access keys: two per user at most, Active or Inactive.</summary>
public sealed partial class IamProvider
{
    private const int AccessKeysPerUser = 2;

    public JsonObject CreateAccessKey(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        return With(context, account =>
        {
            var user = account.User(userName);
            if (user.AccessKeys.Count >= AccessKeysPerUser)
            {
                throw IamErrors.LimitExceeded($"Cannot exceed quota for AccessKeysPerUser: {AccessKeysPerUser}");
            }

            var key = new IamAccessKey(user.Name, AccessKeyIds.New(AccessKeyIds.LongTermPrefix, account.AccountId), AccessKeyIds.NewSecret(), Now);
            user.AccessKeys.Add(key);
            account.KeyOwners[key.Id] = user;
            store.IndexKey(key.Id, account.AccountId);
            account.Changed();
            var json = KeyJson(key);
            json["SecretAccessKey"] = key.Secret;
            return new JsonObject { ["AccessKey"] = json };
        });
    }

    public JsonObject ListAccessKeys(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        var paging = IamPaging.Read(input);
        return With(context, account => IamPaging.Page(
            [],
            "AccessKeyMetadata",
            account.User(userName).AccessKeys.OrderBy(k => k.Id, StringComparer.Ordinal).ToList(),
            k => k.Id,
            KeyJson,
            paging));
    }

    public JsonObject UpdateAccessKey(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        var keyId = AccessKeyId(input);
        var status = IamInput.Required(input, "Status");
        if (status is not ("Active" or "Inactive"))
        {
            throw IamErrors.Validation(status, "status", "Member must satisfy enum value set: [Active, Inactive]");
        }

        return With(context, account =>
        {
            var key = FindKey(account.User(userName), keyId);
            key.Active = status == "Active";
            account.Changed();
            return Empty();
        });
    }

    public JsonObject DeleteAccessKey(RequestContext context, JsonObject input)
    {
        var userName = TargetUser(context, input);
        var keyId = AccessKeyId(input);
        return With(context, account =>
        {
            var user = account.User(userName);
            user.AccessKeys.Remove(FindKey(user, keyId));
            account.KeyOwners.Remove(keyId);
            store.UnindexKey(keyId);
            account.Changed();
            return Empty();
        });
    }

    /// <summary>When and where a key was last used; "N/A" for a key never used, as AWS answers.</summary>
    public JsonObject GetAccessKeyLastUsed(RequestContext context, JsonObject input)
    {
        var keyId = AccessKeyId(input);
        return With(context, account =>
        {
            var key = account.KeyOwners.GetValueOrDefault(keyId)?.AccessKeys.Find(k => k.Id == keyId)
                ?? throw IamErrors.NoSuchEntity($"The Access Key with id {keyId} cannot be found.");
            var lastUsed = new JsonObject();
            if (key.LastUsed is { } when)
            {
                lastUsed["LastUsedDate"] = TruncateToSeconds(when);
            }

            lastUsed["ServiceName"] = key.LastUsedService ?? "N/A";
            lastUsed["Region"] = key.LastUsedRegion ?? "N/A";
            return new JsonObject { ["UserName"] = key.UserName, ["AccessKeyLastUsed"] = lastUsed };
        });
    }

    /// <summary>The user named in the request or, without one, the calling IAM user (as AWS defaults it).</summary>
    private static string TargetUser(RequestContext context, JsonObject input)
    {
        if (IamInput.OptionalName(input, "UserName", 128) is { } name)
        {
            return name;
        }

        return context.Principal.Type == PrincipalType.IAMUser
            ? context.Principal.Arn[(context.Principal.Arn.LastIndexOf('/') + 1)..]
            : throw IamErrors.Validation("null", "userName", "Member must not be null");
    }

    private static string AccessKeyId(JsonObject input)
    {
        var keyId = IamInput.Required(input, "AccessKeyId");
        IamInput.Length(keyId, "AccessKeyId", 16, 128);
        if (!AccessKeyIdRegex().IsMatch(keyId))
        {
            throw IamErrors.Validation(keyId, "accessKeyId", @"Member must satisfy regular expression pattern: [\w]+");
        }

        return keyId;
    }

    private static IamAccessKey FindKey(IamUser user, string keyId) =>
        user.AccessKeys.Find(k => k.Id == keyId) ?? throw IamErrors.NoSuchEntity($"The Access Key with id {keyId} cannot be found.");

    private static JsonObject KeyJson(IamAccessKey key) => new()
    {
        ["UserName"] = key.UserName,
        ["AccessKeyId"] = key.Id,
        ["Status"] = key.Active ? "Active" : "Inactive",
        ["CreateDate"] = key.Created,
    };

    [GeneratedRegex(@"^[A-Za-z0-9_]+\z")]
    private static partial Regex AccessKeyIdRegex();
}
