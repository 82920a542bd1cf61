using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Iam.ManagedPolicies;

namespace Doqutore.Emulator.Providers.Iam;

/// <summary>
/// Managed policies: the account's customer managed policies with their versions (at most five), and the
/// AWS managed policies (read-only, ARNs without an account: <c>arn:aws:iam::aws:policy/…</c>).
/// </summary>
public sealed partial class IamProvider
{
    private const int ManagedPolicySize = 6144;
    private const int VersionsPerPolicy = 5;

    public JsonObject CreatePolicy(RequestContext context, JsonObject input)
    {
        var name = IamInput.Name(input, "PolicyName", 128);
        var path = IamInput.Path(input);
        var document = ManagedDocument(input, "PolicyDocument");
        var description = IamInput.Description(input);
        var tags = IamInput.Tags(input);
        return With(context, account =>
        {
            if (account.Policies.ContainsKey(name))
            {
                throw IamErrors.EntityAlreadyExists($"A policy called {name} already exists. Duplicate names are not allowed.");
            }

            var now = Now;
            var policy = new IamManagedPolicy(name, path, IamIds.UniqueId("ANPA"), account.Arn("policy", path, name), description, now);
            policy.Versions.Add(new IamPolicyVersion("v1", document, now));
            policy.Tags.AddRange(tags);
            account.Policies[name] = policy;
            account.Changed();
            return new JsonObject { ["Policy"] = PolicyJson(account, View(policy), full: false) };
        });
    }

    public JsonObject GetPolicy(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        return With(context, account => new JsonObject { ["Policy"] = PolicyJson(account, FindView(account, arn) ?? throw IamErrors.NoSuchPolicy(arn), full: true) });
    }

    /// <summary>AWS and customer managed policies by <c>Scope</c> (All, AWS, Local), ordered by name.</summary>
    public JsonObject ListPolicies(RequestContext context, JsonObject input)
    {
        var scope = IamInput.Optional(input, "Scope") ?? "All";
        if (scope is not ("All" or "AWS" or "Local"))
        {
            throw IamErrors.Validation(scope, "scope", "Member must satisfy enum value set: [All, AWS, Local]");
        }

        var onlyAttached = IamInput.Bool(input, "OnlyAttached");
        var prefix = IamInput.PathPrefix(input);
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            var policies = Enumerable.Empty<PolicyView>();
            if (scope is "All" or "AWS")
            {
                policies = policies.Concat(AwsManagedPolicies.All.Select(View));
            }

            if (scope is "All" or "Local")
            {
                policies = policies.Concat(account.Policies.Values.Select(View));
            }

            var counts = onlyAttached ? AttachmentCounts(account) : [];
            return IamPaging.Page(
                [],
                "Policies",
                policies
                    .Where(p => p.Path.StartsWith(prefix, StringComparison.Ordinal) && (!onlyAttached || counts.ContainsKey(p.Arn)))
                    .OrderBy(PolicyKey, StringComparer.Ordinal),
                PolicyKey,
                p => PolicyJson(account, p, full: false),
                paging);
        });
    }

    /// <summary>Deletes a customer managed policy that is attached nowhere and has only its default version left.</summary>
    public JsonObject DeletePolicy(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        return With(context, account =>
        {
            var policy = CustomerPolicy(account, arn);
            if (account.AttachmentCount(arn) > 0 || account.BoundaryUsageCount(arn) > 0)
            {
                throw IamErrors.DeleteConflict("Cannot delete a policy attached to entities.");
            }

            if (policy.Versions.Count > 1)
            {
                throw IamErrors.DeleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
            }

            account.Policies.Remove(policy.Name);
            account.Changed();
            return Empty();
        });
    }

    public JsonObject CreatePolicyVersion(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        var document = ManagedDocument(input, "PolicyDocument");
        var setAsDefault = IamInput.Bool(input, "SetAsDefault");
        return With(context, account =>
        {
            var policy = CustomerPolicy(account, arn);
            if (policy.Versions.Count >= VersionsPerPolicy)
            {
                throw IamErrors.LimitExceeded($"A managed policy can have up to {VersionsPerPolicy} versions. Before you create a new version, you must delete an existing version.");
            }

            var version = new IamPolicyVersion($"v{policy.NextVersion}", document, Now);
            policy.NextVersion++;
            policy.Versions.Add(version);
            if (setAsDefault)
            {
                policy.DefaultVersionId = version.VersionId;
                policy.Updated = version.Created;
            }

            account.Changed();
            return new JsonObject { ["PolicyVersion"] = VersionJson(version, setAsDefault, withDocument: false) };
        });
    }

    public JsonObject GetPolicyVersion(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        var versionId = VersionId(input);
        return With(context, account =>
        {
            if (AwsManagedPolicies.Find(arn) is { } aws)
            {
                return aws.DefaultVersionId == versionId
                    ? new JsonObject { ["PolicyVersion"] = VersionJson(new IamPolicyVersion(aws.DefaultVersionId, aws.Document, aws.UpdateDate), isDefault: true, withDocument: true) }
                    : throw NoSuchVersion(arn, versionId);
            }

            var policy = CustomerPolicy(account, arn);
            var version = policy.Versions.Find(v => v.VersionId == versionId) ?? throw NoSuchVersion(arn, versionId);
            return new JsonObject { ["PolicyVersion"] = VersionJson(version, version.VersionId == policy.DefaultVersionId, withDocument: true) };
        });
    }

    /// <summary>A policy's versions, newest first. AWS managed policies list their default version only (see the csproj).</summary>
    public JsonObject ListPolicyVersions(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        var paging = IamPaging.Read(input);
        return With(context, account =>
        {
            List<(IamPolicyVersion Version, bool IsDefault)> versions;
            if (AwsManagedPolicies.Find(arn) is { } aws)
            {
                versions = [(new IamPolicyVersion(aws.DefaultVersionId, aws.Document, aws.UpdateDate), true)];
            }
            else
            {
                var policy = CustomerPolicy(account, arn);
                versions = policy.Versions.OrderByDescending(v => VersionNumber(v.VersionId)).Select(v => (v, v.VersionId == policy.DefaultVersionId)).ToList();
            }

            return IamPaging.Page(
                [],
                "Versions",
                versions,
                v => Invert(VersionNumber(v.Version.VersionId).ToString("D10", CultureInfo.InvariantCulture)),
                v => VersionJson(v.Version, v.IsDefault, withDocument: false),
                paging);
        });
    }

    public JsonObject DeletePolicyVersion(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        var versionId = VersionId(input);
        return With(context, account =>
        {
            var policy = CustomerPolicy(account, arn);
            var version = policy.Versions.Find(v => v.VersionId == versionId) ?? throw NoSuchVersion(arn, versionId);
            if (version.VersionId == policy.DefaultVersionId)
            {
                throw IamErrors.DeleteConflict("Cannot delete the default version of a policy.");
            }

            policy.Versions.Remove(version);
            account.Changed();
            return Empty();
        });
    }

    public JsonObject SetDefaultPolicyVersion(RequestContext context, JsonObject input)
    {
        var arn = IamInput.Arn(input, "PolicyArn");
        var versionId = VersionId(input);
        return With(context, account =>
        {
            var policy = CustomerPolicy(account, arn);
            var version = policy.Versions.Find(v => v.VersionId == versionId) ?? throw NoSuchVersion(arn, versionId);
            policy.DefaultVersionId = version.VersionId;
            policy.Updated = Now;
            account.Changed();
            return Empty();
        });
    }

    /// <summary>A managed policy document: the engine's validation, then the 6,144-character quota.</summary>
    private static string ManagedDocument(JsonObject input, string member)
    {
        var document = IamInput.Document(input, member);
        IamDocuments.ValidateIdentity(document);
        if (IamInput.PolicySize(document) > ManagedPolicySize)
        {
            throw IamErrors.LimitExceeded($"Cannot exceed quota for PolicySize: {ManagedPolicySize}");
        }

        return document;
    }

    private static string VersionId(JsonObject input)
    {
        var versionId = IamInput.Required(input, "VersionId");
        if (!VersionIdRegex().IsMatch(versionId))
        {
            throw IamErrors.Validation(versionId, "versionId", @"Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?");
        }

        return versionId;
    }

    private static int VersionNumber(string versionId) =>
        int.TryParse(versionId.AsSpan(1).TrimEnd(".-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), out var n) ? n : 0;

    // Newest first in ordinal order of the paging key.
    private static string Invert(string digits) => new(digits.Select(c => (char)('9' - c + '0')).ToArray());

    private static AwsServiceException NoSuchVersion(string arn, string versionId) =>
        IamErrors.NoSuchEntity($"Policy {arn} version {versionId} does not exist or is not attachable.");

    /// <summary>The account's customer managed policy; AWS managed policies cannot be changed.</summary>
    private static IamManagedPolicy CustomerPolicy(IamAccount account, string arn)
    {
        if (AwsManagedPolicies.Find(arn) is not null)
        {
            throw IamErrors.InvalidInput($"Policy {arn} is an AWS managed policy and cannot be changed.");
        }

        return account.FindPolicy(arn) ?? throw IamErrors.NoSuchPolicy(arn);
    }

    /// <summary>A managed policy as listed: the same view of AWS and customer managed ones.</summary>
    private sealed record PolicyView(string Name, string Id, string Arn, string Path, string DefaultVersionId, string? Description, DateTimeOffset Created, DateTimeOffset Updated, IReadOnlyList<IamTag> Tags);

    private static PolicyView View(AwsManagedPolicy p) => new(p.Name, p.PolicyId, p.Arn, p.Path, p.DefaultVersionId, null, p.CreateDate, p.UpdateDate, []);

    private static PolicyView View(IamManagedPolicy p) => new(p.Name, p.Id, p.Arn, p.Path, p.DefaultVersionId, p.Description, p.Created, p.Updated, p.Tags.ToList());

    private static PolicyView? FindView(IamAccount account, string arn) =>
        AwsManagedPolicies.Find(arn) is { } aws ? View(aws) : account.FindPolicy(arn) is { } local ? View(local) : null;

    private static string PolicyKey(PolicyView p) => SortKey(p.Name) + "\u0000" + p.Arn;

    private static Dictionary<string, int> AttachmentCounts(IamAccount account) =>
        account.Users.Values.Cast<IamPrincipalEntity>().Concat(account.Groups.Values).Concat(account.Roles.Values)
            .SelectMany(e => e.AttachedPolicies)
            .GroupBy(a => a, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static JsonObject PolicyJson(IamAccount account, PolicyView policy, bool full)
    {
        var json = new JsonObject
        {
            ["PolicyName"] = policy.Name,
            ["PolicyId"] = policy.Id,
            ["Arn"] = policy.Arn,
            ["Path"] = policy.Path,
            ["DefaultVersionId"] = policy.DefaultVersionId,
            ["AttachmentCount"] = account.AttachmentCount(policy.Arn),
            ["PermissionsBoundaryUsageCount"] = account.BoundaryUsageCount(policy.Arn),
            ["IsAttachable"] = true,
        };
        if (full && policy.Description is not null)
        {
            json["Description"] = policy.Description;
        }

        json["CreateDate"] = policy.Created;
        json["UpdateDate"] = policy.Updated;
        if (policy.Tags.Count > 0)
        {
            json["Tags"] = TagsJson(policy.Tags);
        }

        return json;
    }

    private static JsonObject VersionJson(IamPolicyVersion version, bool isDefault, bool withDocument)
    {
        var json = new JsonObject();
        if (withDocument)
        {
            json["Document"] = IamInput.EncodeDocument(version.Document);
        }

        json["VersionId"] = version.VersionId;
        json["IsDefaultVersion"] = isDefault;
        json["CreateDate"] = version.Created;
        return json;
    }

    [GeneratedRegex(@"^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?\z")]
    private static partial Regex VersionIdRegex();
}
