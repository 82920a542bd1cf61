using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Managed policies attached to users, groups and roles, and permissions boundaries.</summary>
public sealed partial class IamProvider
{
    /// <summary>The default quota of managed policies per user, group or role (reference §4.4).</summary>
    private const int PoliciesPerEntity = 10;

    public JsonObject AttachUserPolicy(RequestContext context, JsonObject input) => Attach(context, input, "UserName", 128, (a, n) => a.User(n), "PoliciesPerUser");

    public JsonObject AttachGroupPolicy(RequestContext context, JsonObject input) => Attach(context, input, "GroupName", 128, (a, n) => a.Group(n), "PoliciesPerGroup");

    public JsonObject AttachRolePolicy(RequestContext context, JsonObject input) => Attach(context, input, "RoleName", 64, (a, n) => a.Role(n), "PoliciesPerRole");

    public JsonObject DetachUserPolicy(RequestContext context, JsonObject input) => Detach(context, input, "UserName", 128, (a, n) => a.User(n));

    public JsonObject DetachGroupPolicy(RequestContext context, JsonObject input) => Detach(context, input, "GroupName", 128, (a, n) => a.Group(n));

    public JsonObject DetachRolePolicy(RequestContext context, JsonObject input) => Detach(context, input, "RoleName", 64, (a, n) => a.Role(n));

    public JsonObject ListAttachedUserPolicies(RequestContext context, JsonObject input) => ListAttached(context, input, "UserName", 128, (a, n) => a.User(n));

    public JsonObject ListAttachedGroupPolicies(RequestContext context, JsonObject input) => ListAttached(context, input, "GroupName", 128, (a, n) => a.Group(n));

    public JsonObject ListAttachedRolePolicies(RequestContext context, JsonObject input) => ListAttached(context, input, "RoleName", 64, (a, n) => a.Role(n));

    public JsonObject PutUserPermissionsBoundary(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "UserName", 128);
        var arn = IamInput.Arn(input, "PermissionsBoundary");
        return With(context, account =>
        {
            var user = account.User(name);
            RequireBoundaryPolicy(account, arn);
            user.PermissionsBoundary = arn;
            account.Changed();
            return Empty();
        });
    }

    public JsonObject DeleteUserPermissionsBoundary(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "UserName", 128);
        return With(context, account =>
        {
            account.User(name).PermissionsBoundary = null;
            account.Changed();
            return Empty();
        });
    }

    public JsonObject PutRolePermissionsBoundary(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        var arn = IamInput.Arn(input, "PermissionsBoundary");
        return With(context, account =>
        {
            var role = account.Role(name);
            RequireBoundaryPolicy(account, arn);
            role.PermissionsBoundary = arn;
            account.Changed();
            return Empty();
        });
    }

    public JsonObject DeleteRolePermissionsBoundary(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        return With(context, account =>
        {
            account.Role(name).PermissionsBoundary = null;
            account.Changed();
            return Empty();
        });
    }

    /// <summary>A boundary must be an existing managed policy (AWS or the account's).</summary>
    private static void RequireBoundaryPolicy(IamAccount account, string? arn)
    {
        if (arn is not null && IamStore.ManagedDocument(account, arn) is null)
        {
            throw IamErrors.NotAttachable(arn);
        }
    }

    private JsonObject Attach(RequestContext context, JsonObject input, string member, int max, Func<IamAccount, string, IamPrincipalEntity> find, string quota)
    {
        var name = IamInput.Name(input, member, max);
        var arn = IamInput.Arn(input, "PolicyArn");
        return With(context, account =>
        {
            var entity = find(account, name);
            if (IamStore.ManagedDocument(account, arn) is null)
            {
                throw IamErrors.NotAttachable(arn);
            }

            if (entity.AttachedPolicies.Contains(arn))
            {
                return Empty();
            }

            if (entity.AttachedPolicies.Count >= PoliciesPerEntity)
            {
                throw IamErrors.LimitExceeded($"Cannot exceed quota for {quota}: {PoliciesPerEntity}");
            }

            entity.AttachedPolicies.Add(arn);
            account.Changed();
            return Empty();
        });
    }

    private JsonObject Detach(RequestContext context, JsonObject input, string member, int max, Func<IamAccount, string, IamPrincipalEntity> find)
    {
        var name = IamInput.Name(input, member, max);
        var arn = IamInput.Arn(input, "PolicyArn");
        return With(context, account =>
        {
            var entity = find(account, name);
            if (!entity.AttachedPolicies.Remove(arn))
            {
                throw IamErrors.NoSuchPolicy(arn);
            }

            account.Changed();
            return Empty();
        });
    }

    private JsonObject ListAttached(RequestContext context, JsonObject input, string member, int max, Func<IamAccount, string, IamPrincipalEntity> find)
    {
        var name = IamInput.Name(input, member, max);
        var prefix = IamInput.PathPrefix(input);
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            var entity = find(account, name);
            var attached = entity.AttachedPolicies
                .Select(arn => FindView(account, arn))
                .OfType<PolicyView>()
                .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(PolicyKey, StringComparer.Ordinal);
            return IamPaging.Page(
                [],
                "AttachedPolicies",
                attached,
                PolicyKey,
                p => new JsonObject { ["PolicyName"] = p.Name, ["PolicyArn"] = p.Arn },
                paging);
        });
    }
}
