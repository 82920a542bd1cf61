using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Groups and their members.</summary>
public sealed partial class IamProvider
{
    private const int GroupsPerUser = 10;

    public JsonObject CreateGroup(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "GroupName", 128);
        var path = IamInput.Path(input);
        return With(context, account =>
        {
            if (account.Groups.ContainsKey(name))
            {
                throw IamErrors.EntityAlreadyExists($"Group with name {name} already exists.");
            }

            var group = new IamGroup(name, path, IamIds.UniqueId("AGPA"), account.Arn("group", path, name), Now);
            account.Groups[name] = group;
            account.Changed();
            return new JsonObject { ["Group"] = GroupJson(group) };
        });
    }

    /// <summary>The group and a page of its users.</summary>
    public JsonObject GetGroup(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "GroupName", 128);
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            var group = account.Group(name);
            var output = new JsonObject { ["Group"] = GroupJson(group) };
            return IamPaging.Page(
                output,
                "Users",
                group.Members.Select(m => account.Users[m]).OrderBy(u => SortKey(u.Name), StringComparer.Ordinal),
                u => SortKey(u.Name),
                u => UserJson(u, full: false),
                paging);
        });
    }

    public JsonObject ListGroups(RequestContext context, JsonObject input)
    {
        var prefix = IamInput.PathPrefix(input);
        var paging = IamPaging.Read(input);
        return With(context, account => IamPaging.Page(
            [],
            "Groups",
            account.Groups.Values.Where(g => g.Path.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(g => SortKey(g.Name), StringComparer.Ordinal),
            g => SortKey(g.Name),
            GroupJson,
            paging));
    }

    public JsonObject UpdateGroup(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "GroupName", 128);
        var newName = IamInput.OptionalName(input, "NewGroupName", 128);
        var newPath = IamInput.Optional(input, "NewPath") is null ? null : IamInput.Path(input, "NewPath");
        return With(context, account =>
        {
            var group = account.Group(name);
            if (newName is not null && account.Groups.TryGetValue(newName, out var other) && other != group)
            {
                throw IamErrors.EntityAlreadyExists($"Group with name {newName} already exists.");
            }

            var oldName = group.Name;
            account.Groups.Remove(oldName);
            group.Name = newName ?? group.Name;
            group.Path = newPath ?? group.Path;
            group.Arn = account.Arn("group", group.Path, group.Name);
            account.Groups[group.Name] = group;
            foreach (var user in group.Members.Select(m => account.Users[m]))
            {
                user.Groups[user.Groups.FindIndex(g => string.Equals(g, oldName, StringComparison.OrdinalIgnoreCase))] = group.Name;
            }

            account.Changed();
            return Empty();
        });
    }

    public JsonObject DeleteGroup(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "GroupName", 128);
        return With(context, account =>
        {
            var group = account.Group(name);
            var conflict =
                group.Members.Count > 0 ? "Cannot delete entity, must remove users from group first." :
                group.InlinePolicies.Count > 0 ? "Cannot delete entity, must delete policies first." :
                group.AttachedPolicies.Count > 0 ? "Cannot delete entity, must detach all policies first." :
                null;
            if (conflict is not null)
            {
                throw IamErrors.DeleteConflict(conflict);
            }

            account.Groups.Remove(group.Name);
            account.Changed();
            return Empty();
        });
    }

    /// <summary>Adds a user to a group; adding a member again changes nothing, as in AWS.</summary>
    public JsonObject AddUserToGroup(RequestContext context, JsonObject input)
    {
        var groupName = IamInput.Name(input, "GroupName", 128);
        var userName = IamInput.Name(input, "UserName", 128);
        return With(context, account =>
        {
            var group = account.Group(groupName);
            var user = account.User(userName);
            if (user.Groups.Contains(group.Name, StringComparer.OrdinalIgnoreCase))
            {
                return Empty();
            }

            if (user.Groups.Count >= GroupsPerUser)
            {
                throw IamErrors.LimitExceeded($"Cannot exceed quota for GroupsPerUser: {GroupsPerUser}");
            }

            user.Groups.Add(group.Name);
            group.Members.Add(user.Name);
            account.Changed();
            return Empty();
        });
    }

    public JsonObject RemoveUserFromGroup(RequestContext context, JsonObject input)
    {
        var groupName = IamInput.Name(input, "GroupName", 128);
        var userName = IamInput.Name(input, "UserName", 128);
        return With(context, account =>
        {
            var group = account.Group(groupName);
            var user = account.User(userName);
            if (user.Groups.RemoveAll(g => string.Equals(g, group.Name, StringComparison.OrdinalIgnoreCase)) == 0)
            {
                throw IamErrors.NoSuchEntity($"The user with name {user.Name} cannot be found in group {group.Name}.");
            }

            group.Members.RemoveAll(m => string.Equals(m, user.Name, StringComparison.OrdinalIgnoreCase));
            account.Changed();
            return Empty();
        });
    }

    public JsonObject ListGroupsForUser(RequestContext context, JsonObject input)
    {
        var userName = IamInput.Name(input, "UserName", 128);
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            var user = account.User(userName);
            return IamPaging.Page(
                [],
                "Groups",
                user.Groups.Select(g => account.Groups[g]).OrderBy(g => SortKey(g.Name), StringComparer.Ordinal),
                g => SortKey(g.Name),
                GroupJson,
                paging);
        });
    }

    private static JsonObject GroupJson(IamGroup group) => new()
    {
        ["Path"] = group.Path,
        ["GroupName"] = group.Name,
        ["GroupId"] = group.Id,
        ["Arn"] = group.Arn,
        ["CreateDate"] = group.Created,
    };
}
