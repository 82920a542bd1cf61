using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// Inline policies embedded in users, groups and roles. The documents of one entity together may hold at
/// most 2,048 (user), 5,120 (group) or 10,240 (role) characters, whitespace not counted (reference §4.4).
/// </summary>
public sealed partial class IamProvider
{
    private static readonly InlineKind UserKind = new("user", "UserName", 128, 2048, (a, n) => a.User(n));
    private static readonly InlineKind GroupKind = new("group", "GroupName", 128, 5120, (a, n) => a.Group(n));
    private static readonly InlineKind RoleKind = new("role", "RoleName", 64, 10240, (a, n) => a.Role(n));

    public JsonObject PutUserPolicy(RequestContext context, JsonObject input) => PutInline(context, input, UserKind);

    public JsonObject PutGroupPolicy(RequestContext context, JsonObject input) => PutInline(context, input, GroupKind);

    public JsonObject PutRolePolicy(RequestContext context, JsonObject input) => PutInline(context, input, RoleKind);

    public JsonObject GetUserPolicy(RequestContext context, JsonObject input) => GetInline(context, input, UserKind);

    public JsonObject GetGroupPolicy(RequestContext context, JsonObject input) => GetInline(context, input, GroupKind);

    public JsonObject GetRolePolicy(RequestContext context, JsonObject input) => GetInline(context, input, RoleKind);

    public JsonObject DeleteUserPolicy(RequestContext context, JsonObject input) => DeleteInline(context, input, UserKind);

    public JsonObject DeleteGroupPolicy(RequestContext context, JsonObject input) => DeleteInline(context, input, GroupKind);

    public JsonObject DeleteRolePolicy(RequestContext context, JsonObject input) => DeleteInline(context, input, RoleKind);

    public JsonObject ListUserPolicies(RequestContext context, JsonObject input) => ListInline(context, input, UserKind);

    public JsonObject ListGroupPolicies(RequestContext context, JsonObject input) => ListInline(context, input, GroupKind);

    public JsonObject ListRolePolicies(RequestContext context, JsonObject input) => ListInline(context, input, RoleKind);

    private JsonObject PutInline(RequestContext context, JsonObject input, InlineKind kind)
    {
        var name = IamInput.Name(input, kind.Member, kind.MaxName);
        var policyName = IamInput.Name(input, "PolicyName", 128);
        var document = IamInput.Document(input, "PolicyDocument");
        IamDocuments.ValidateIdentity(document);
        return With(context, account =>
        {
            var entity = kind.Find(account, name);
            var total = IamInput.PolicySize(document) + entity.InlinePolicies
                .Where(p => p.Key != policyName)
                .Sum(p => IamInput.PolicySize(p.Value));
            if (total > kind.SizeQuota)
            {
                throw IamErrors.LimitExceeded($"Maximum policy size of {kind.SizeQuota} bytes exceeded for {kind.Noun} {entity.Name}");
            }

            entity.InlinePolicies[policyName] = document;
            account.Changed();
            return Empty();
        });
    }

    private JsonObject GetInline(RequestContext context, JsonObject input, InlineKind kind)
    {
        var name = IamInput.Name(input, kind.Member, kind.MaxName);
        var policyName = IamInput.Name(input, "PolicyName", 128);
        return With(context, account =>
        {
            var entity = kind.Find(account, name);
            var document = entity.InlinePolicies.GetValueOrDefault(policyName) ?? throw NoSuchInline(kind, policyName);
            return new JsonObject
            {
                [kind.Member] = entity.Name,
                ["PolicyName"] = policyName,
                ["PolicyDocument"] = IamInput.EncodeDocument(document),
            };
        });
    }

    private JsonObject DeleteInline(RequestContext context, JsonObject input, InlineKind kind)
    {
        var name = IamInput.Name(input, kind.Member, kind.MaxName);
        var policyName = IamInput.Name(input, "PolicyName", 128);
        return With(context, account =>
        {
            if (!kind.Find(account, name).InlinePolicies.Remove(policyName))
            {
                throw NoSuchInline(kind, policyName);
            }

            account.Changed();
            return Empty();
        });
    }

    private JsonObject ListInline(RequestContext context, JsonObject input, InlineKind kind)
    {
        var name = IamInput.Name(input, kind.Member, kind.MaxName);
        var paging = IamPaging.Read(input);
        return With(context, account => IamPaging.Page(
            [],
            "PolicyNames",
            kind.Find(account, name).InlinePolicies.Keys.Order(StringComparer.Ordinal).ToList(),
            p => p,
            p => JsonValue.Create(p),
            paging));
    }

    private static AwsServiceException NoSuchInline(InlineKind kind, string policyName) =>
        IamErrors.NoSuchEntity($"The {kind.Noun} policy with name {policyName} cannot be found.");

    /// <summary>What differs between users', groups' and roles' inline policies.</summary>
    private sealed record InlineKind(string Noun, string Member, int MaxName, int SizeQuota, Func<IamAccount, string, IamPrincipalEntity> Find);
}
