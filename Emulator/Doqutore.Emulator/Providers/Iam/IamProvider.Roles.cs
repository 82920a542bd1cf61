using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Roles and their trust policies.</summary>
public sealed partial class IamProvider
{
    /// <summary>The default quota of a role trust policy, counted without whitespace (reference §4.4).</summary>
    private const int TrustPolicySize = 2048;

    public JsonObject CreateRole(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        var path = IamInput.Path(input);
        var trust = IamInput.Document(input, "AssumeRolePolicyDocument");
        var description = IamInput.Description(input);
        var maxSession = IamInput.Integer(input, "MaxSessionDuration", 3600, 43200) ?? 3600;
        var boundary = IamInput.Optional(input, "PermissionsBoundary");
        var tags = IamInput.Tags(input);
        return With(context, account =>
        {
            ValidateTrustPolicy(account, trust);
            if (account.Roles.ContainsKey(name))
            {
                throw IamErrors.EntityAlreadyExists($"Role with name {name} already exists.");
            }

            RequireBoundaryPolicy(account, boundary);
            var role = new IamRole(name, path, IamIds.UniqueId("AROA"), account.Arn("role", path, name), Now, trust)
            {
                Description = description,
                MaxSessionDuration = maxSession,
                PermissionsBoundary = boundary,
            };
            role.Tags.AddRange(tags);
            account.Roles[name] = role;
            account.Changed();
            return new JsonObject { ["Role"] = RoleJson(role, full: true) };
        });
    }

    public JsonObject GetRole(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        return With(context, account => new JsonObject { ["Role"] = RoleJson(account.Role(name), full: true) });
    }

    public JsonObject ListRoles(RequestContext context, JsonObject input)
    {
        var prefix = IamInput.PathPrefix(input);
        var paging = IamPaging.Read(input);
        return With(context, account => IamPaging.Page(
            [],
            "Roles",
            account.Roles.Values.Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(r => SortKey(r.Name), StringComparer.Ordinal),
            r => SortKey(r.Name),
            r => RoleJson(r, full: false),
            paging));
    }

    public JsonObject UpdateRole(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        var description = IamInput.Description(input);
        var maxSession = IamInput.Integer(input, "MaxSessionDuration", 3600, 43200);
        return With(context, account =>
        {
            var role = account.Role(name);
            role.Description = description ?? role.Description;
            role.MaxSessionDuration = maxSession ?? role.MaxSessionDuration;
            account.Changed();
            return Empty();
        });
    }

    public JsonObject DeleteRole(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        return With(context, account =>
        {
            var role = account.Role(name);
            var conflict =
                role.InlinePolicies.Count > 0 ? "Cannot delete entity, must delete policies first." :
                role.AttachedPolicies.Count > 0 ? "Cannot delete entity, must detach all policies first." :
                null;
            if (conflict is not null)
            {
                throw IamErrors.DeleteConflict(conflict);
            }

            account.Roles.Remove(role.Name);
            account.Changed();
            return Empty();
        });
    }

    public JsonObject UpdateAssumeRolePolicy(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "RoleName", 64);
        var trust = IamInput.Document(input, "PolicyDocument");
        return With(context, account =>
        {
            var role = account.Role(name);
            ValidateTrustPolicy(account, trust);
            role.TrustPolicy = trust;
            account.Changed();
            return Empty();
        });
    }

    private static void ValidateTrustPolicy(IamAccount account, string document)
    {
        IamDocuments.ValidateTrust(document, account);
        if (IamInput.PolicySize(document) > TrustPolicySize)
        {
            throw IamErrors.LimitExceeded($"Cannot exceed quota for ACLSizePerRole: {TrustPolicySize}");
        }
    }

    private static JsonObject RoleJson(IamRole role, bool full)
    {
        var json = new JsonObject
        {
            ["Path"] = role.Path,
            ["RoleName"] = role.Name,
            ["RoleId"] = role.Id,
            ["Arn"] = role.Arn,
            ["CreateDate"] = role.Created,
            ["AssumeRolePolicyDocument"] = IamInput.EncodeDocument(role.TrustPolicy),
            ["MaxSessionDuration"] = role.MaxSessionDuration,
        };
        if (role.Description is not null)
        {
            json["Description"] = role.Description;
        }

        if (full && role.PermissionsBoundary is { } boundary)
        {
            json["PermissionsBoundary"] = Boundary(boundary);
        }

        if (full && role.Tags.Count > 0)
        {
            json["Tags"] = TagsJson(role.Tags);
        }

        if (full)
        {
            json["RoleLastUsed"] = new JsonObject();
        }

        return json;
    }
}
