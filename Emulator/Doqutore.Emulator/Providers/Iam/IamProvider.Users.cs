using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Users: create, read, list, rename or move, delete.</summary>
public sealed partial class IamProvider
{
    public JsonObject CreateUser(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "UserName", 64);
        var path = IamInput.Path(input);
        var boundary = IamInput.Optional(input, "PermissionsBoundary");
        var tags = IamInput.Tags(input);
        return With(context, account =>
        {
            if (account.Users.ContainsKey(name))
            {
                throw IamErrors.EntityAlreadyExists($"User with name {name} already exists.");
            }

            RequireBoundaryPolicy(account, boundary);
            var user = new IamUser(name, path, IamIds.UniqueId("AIDA"), account.Arn("user", path, name), Now) { PermissionsBoundary = boundary };
            user.Tags.AddRange(tags);
            account.Users[name] = user;
            account.Changed();
            return new JsonObject { ["User"] = UserJson(user, full: true) };
        });
    }

    /// <summary>The named user, or without a name the caller (root answers as itself, as AWS does).</summary>
    public JsonObject GetUser(RequestContext context, JsonObject input)
    {
        var name = IamInput.OptionalName(input, "UserName", 128);
        return With(context, account =>
        {
            if (name is null)
            {
                var principal = context.Principal;
                if (principal.Type == PrincipalType.IAMUser)
                {
                    name = principal.Arn[(principal.Arn.LastIndexOf('/') + 1)..];
                }
                else if (principal.Type == PrincipalType.Root)
                {
                    return new JsonObject
                    {
                        ["User"] = new JsonObject
                        {
                            ["UserId"] = principal.AccountId,
                            ["Arn"] = principal.Arn,
                            ["CreateDate"] = DateTimeOffset.UnixEpoch,
                        },
                    };
                }
                else
                {
                    throw IamErrors.Validation("null", "userName", "Member must not be null");
                }
            }

            return new JsonObject { ["User"] = UserJson(account.User(name), full: true) };
        });
    }

    public JsonObject ListUsers(RequestContext context, JsonObject input)
    {
        var prefix = IamInput.PathPrefix(input);
        var paging = IamPaging.Read(input);
        return With(context, account => IamPaging.Page(
            [],
            "Users",
            account.Users.Values.Where(u => u.Path.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(u => SortKey(u.Name), StringComparer.Ordinal),
            u => SortKey(u.Name),
            u => UserJson(u, full: false),
            paging));
    }

    public JsonObject UpdateUser(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "UserName", 128);
        var newName = IamInput.OptionalName(input, "NewUserName", 64);
        var newPath = IamInput.Optional(input, "NewPath") is null ? null : IamInput.Path(input, "NewPath");
        return With(context, account =>
        {
            var user = account.User(name);
            if (newName is not null && account.Users.TryGetValue(newName, out var other) && other != user)
            {
                throw IamErrors.EntityAlreadyExists($"User with name {newName} already exists.");
            }

            var oldName = user.Name;
            account.Users.Remove(oldName);
            user.Name = newName ?? user.Name;
            user.Path = newPath ?? user.Path;
            user.Arn = account.Arn("user", user.Path, user.Name);
            account.Users[user.Name] = user;
            foreach (var group in user.Groups.Select(g => account.Groups[g]))
            {
                group.Members[group.Members.FindIndex(m => string.Equals(m, oldName, StringComparison.OrdinalIgnoreCase))] = user.Name;
            }

            account.Changed();
            return Empty();
        });
    }

    /// <summary>Deletes a user that has nothing left attached, as AWS requires (DeleteConflict otherwise).</summary>
    public JsonObject DeleteUser(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "UserName", 128);
        return With(context, account =>
        {
            var user = account.User(name);
            var conflict =
                user.AccessKeys.Count > 0 ? "Cannot delete entity, must delete access keys first." :
                user.LoginProfile is not null ? "Cannot delete entity, must delete login profile first." :
                user.InlinePolicies.Count > 0 ? "Cannot delete entity, must delete policies first." :
                user.AttachedPolicies.Count > 0 ? "Cannot delete entity, must detach all policies first." :
                user.Groups.Count > 0 ? "Cannot delete entity, must remove user from all groups first." :
                null;
            if (conflict is not null)
            {
                throw IamErrors.DeleteConflict(conflict);
            }

            account.Users.Remove(user.Name);
            account.Changed();
            return Empty();
        });
    }

    private static JsonObject UserJson(IamUser user, bool full)
    {
        var json = new JsonObject
        {
            ["Path"] = user.Path,
            ["UserName"] = user.Name,
            ["UserId"] = user.Id,
            ["Arn"] = user.Arn,
            ["CreateDate"] = user.Created,
        };
        if (full && user.PermissionsBoundary is { } boundary)
        {
            json["PermissionsBoundary"] = Boundary(boundary);
        }

        if (full && user.Tags.Count > 0)
        {
            json["Tags"] = TagsJson(user.Tags);
        }

        return json;
    }
}
