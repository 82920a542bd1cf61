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

    /// <summary>The users, groups and roles a managed policy is attached to (or is the boundary of), one page at a time.</summary>
    public JsonObject ListEntitiesForPolicy(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        var filter = IamInput.Optional(input, "EntityFilter");
        if (filter is not (null or "User" or "Role" or "Group" or "LocalManagedPolicy" or "AWSManagedPolicy"))
        {
            throw IamErrors.Validation(filter, "entityFilter", "Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
        }

        var usage = IamInput.Optional(input, "PolicyUsageFilter");
        if (usage is not (null or "PermissionsPolicy" or "PermissionsBoundary"))
        {
            throw IamErrors.Validation(usage, "policyUsageFilter", "Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]");
        }

        var prefix = IamInput.PathPrefix(input);
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            if (FindView(account, arn) is null)
            {
                throw IamErrors.NoSuchPolicy(arn);
            }

            bool Uses(IamPrincipalEntity entity, string? boundary) =>
                entity.Path.StartsWith(prefix, StringComparison.Ordinal)
                && ((usage != "PermissionsBoundary" && entity.AttachedPolicies.Contains(arn)) || (usage != "PermissionsPolicy" && boundary == arn));

            var entities = new List<(string Kind, IamPrincipalEntity Entity)>();
            if (filter is null or "Group")
            {
                entities.AddRange(account.Groups.Values.Where(g => Uses(g, null)).Select(g => ("Group", (IamPrincipalEntity)g)));
            }

            if (filter is null or "Role")
            {
                entities.AddRange(account.Roles.Values.Where(r => Uses(r, r.PermissionsBoundary)).Select(r => ("Role", (IamPrincipalEntity)r)));
            }

            if (filter is null or "User")
            {
                entities.AddRange(account.Users.Values.Where(u => Uses(u, u.PermissionsBoundary)).Select(u => ("User", (IamPrincipalEntity)u)));
            }

            var page = IamPaging.Page(
                [],
                "Entities",
                entities.OrderBy(e => e.Kind + "/" + SortKey(e.Entity.Name), StringComparer.Ordinal),
                e => e.Kind + "/" + SortKey(e.Entity.Name),
                e => new JsonObject { ["Kind"] = e.Kind, [e.Kind + "Name"] = e.Entity.Name, [e.Kind + "Id"] = e.Entity.Id },
                paging);
            var listed = page["Entities"]!.AsArray().Select(e => e!.AsObject()).ToList();
            page.Remove("Entities");
            foreach (var kind in new[] { "Group", "User", "Role" })
            {
                page[$"Policy{kind}s"] = new JsonArray(listed.Where(e => (string?)e["Kind"] == kind)
                    .Select(e => (JsonNode?)new JsonObject { [kind + "Name"] = e[kind + "Name"]!.DeepClone(), [kind + "Id"] = e[kind + "Id"]!.DeepClone() })
                    .ToArray());
            }

            return page;
        });
    }

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
