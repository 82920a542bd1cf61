using System.Text.Json.Nodes;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>Tags of users and roles: at most 50 each, keys unique ignoring case.</summary>
public sealed partial class IamProvider
{
    private const int TagsPerEntity = 50;

    public JsonObject TagUser(RequestContext context, JsonObject input) => Tag(context, input, "UserName", 128, (a, n) => a.User(n).Tags, "TagsPerUser");

    public JsonObject TagRole(RequestContext context, JsonObject input) => Tag(context, input, "RoleName", 64, (a, n) => a.Role(n).Tags, "TagsPerRole");

    public JsonObject UntagUser(RequestContext context, JsonObject input) => Untag(context, input, "UserName", 128, (a, n) => a.User(n).Tags);

    public JsonObject UntagRole(RequestContext context, JsonObject input) => Untag(context, input, "RoleName", 64, (a, n) => a.Role(n).Tags);

    public JsonObject ListUserTags(RequestContext context, JsonObject input) => ListTags(context, input, "UserName", 128, (a, n) => a.User(n).Tags);

    public JsonObject ListRoleTags(RequestContext context, JsonObject input) => ListTags(context, input, "RoleName", 64, (a, n) => a.Role(n).Tags);

    private JsonObject Tag(RequestContext context, JsonObject input, string member, int max, Func<IamAccount, string, List<IamTag>> find, string quota)
    {
        var name = IamInput.Name(input, member, max);
        var tags = IamInput.Tags(input);
        if (tags.Count == 0)
        {
            throw IamErrors.Validation("[]", "tags", "Member must have length greater than or equal to 1");
        }

        return With(context, account =>
        {
            var existing = find(account, name);
            var added = tags.Count(t => !existing.Exists(e => string.Equals(e.Key, t.Key, StringComparison.OrdinalIgnoreCase)));
            if (existing.Count + added > TagsPerEntity)
            {
                throw IamErrors.LimitExceeded($"Cannot exceed quota for {quota}: {TagsPerEntity}");
            }

            foreach (var tag in tags)
            {
                var index = existing.FindIndex(e => string.Equals(e.Key, tag.Key, StringComparison.OrdinalIgnoreCase));
                if (index >= 0)
                {
                    existing[index] = tag;
                }
                else
                {
                    existing.Add(tag);
                }
            }

            account.Changed();
            return Empty();
        });
    }

    private JsonObject Untag(RequestContext context, JsonObject input, string member, int max, Func<IamAccount, string, List<IamTag>> find)
    {
        var name = IamInput.Name(input, member, max);
        var keys = IamInput.Strings(input, "TagKeys");
        return With(context, account =>
        {
            find(account, name).RemoveAll(t => keys.Contains(t.Key, StringComparer.OrdinalIgnoreCase));
            account.Changed();
            return Empty();
        });
    }

    private JsonObject ListTags(RequestContext context, JsonObject input, string member, int max, Func<IamAccount, string, List<IamTag>> find)
    {
        var name = IamInput.Name(input, member, max);
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            var tags = find(account, name);
            var indexed = tags.Select((t, i) => (Tag: t, Key: i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))).ToList();
            return IamPaging.Page([], "Tags", indexed, t => t.Key, t => new JsonObject { ["Key"] = t.Tag.Key, ["Value"] = t.Tag.Value }, paging);
        });
    }
}
