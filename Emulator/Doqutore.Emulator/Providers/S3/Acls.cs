// ACLs as S3 keeps them since April 2023: a new bucket's Object Ownership is BucketOwnerEnforced, which disables
// ACLs. Reads still answer (the owner's FULL_CONTROL grant); writes may only name no ACL or the bucket owner's full
// control (the bucket-owner-full-control canned ACL, or an XML policy granting the owner FULL_CONTROL and nothing
// else), others fail with AccessControlListNotSupported (PutObject and PutBucketAcl API references, "Controlling
// ownership of objects and disabling ACLs"). With BucketOwnerPreferred or ObjectWriter ACLs are kept and answered;
// the emulator stores them but does not grant access by them [gap: authorization reads only policies].
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Doqutore.Emulator.Providers.S3;

/// <summary>Canned ACLs, grant headers and AccessControlPolicy documents, checked against the bucket's Object Ownership.</summary>
internal static partial class Acls
{
    public const string BucketOwnerEnforced = "BucketOwnerEnforced";
    public const string BucketOwnerFullControl = "bucket-owner-full-control";
    private const string Groups = "http://acs.amazonaws.com/groups/";
    private static readonly string[] Ownerships = [BucketOwnerEnforced, "BucketOwnerPreferred", "ObjectWriter"];

    private static readonly (string Header, string Permission)[] GrantHeaders =
    [
        ("GrantFullControl", "FULL_CONTROL"), ("GrantRead", "READ"), ("GrantReadACP", "READ_ACP"), ("GrantWrite", "WRITE"), ("GrantWriteACP", "WRITE_ACP"),
    ];

    public static bool IsOwnership(string? value) => value is not null && Ownerships.Contains(value);

    /// <summary>
    /// The grants an ACL write asks for beyond the owner's (null: none asked, or only the owner's full control), after
    /// checking them against the bucket's ownership; <paramref name="forBucket"/> selects the canned ACLs that apply.
    /// </summary>
    public static JsonArray? Requested(JsonObject input, string? ownership, string ownerId, bool forBucket)
    {
        var canned = input["ACL"]?.GetValue<string>();
        var headers = GrantHeaders.Where(g => input[g.Header] is not null).ToList();
        var policy = input["AccessControlPolicy"];
        if (canned is null && headers.Count == 0 && policy is null)
        {
            return null;
        }

        var grants = canned is not null ? Canned(canned, ownerId, forBucket)
            : headers.Count > 0 ? FromHeaders(input, headers)
            : policy?["Grants"] as JsonArray is { } listed ? (JsonArray)listed.DeepClone() : throw S3Errors.MalformedXml();
        // A canned ACL counts as the owner's full control only when it is bucket-owner-full-control: even "private"
        // is refused on a bucket that disables ACLs.
        var ownerOnly = canned is not null
            ? canned == BucketOwnerFullControl
            : grants.All(g => IsOwnerFullControl(g, ownerId));
        if ((ownership ?? BucketOwnerEnforced) == BucketOwnerEnforced && !ownerOnly)
        {
            throw S3Errors.AccessControlListNotSupported();
        }

        var extra = grants.Where(g => !IsOwnerFullControl(g, ownerId)).Select(g => g!.DeepClone()).ToArray();
        return ownerOnly || extra.Length == 0 ? null : new JsonArray(extra);
    }

    /// <summary>The grants Get*Acl answers: the owner's full control, then the stored ones.</summary>
    public static JsonArray Grants(string ownerAccount, JsonArray? stored)
    {
        var grants = new JsonArray(Grant(CanonicalUser(S3Provider.CanonicalUserId(ownerAccount)), "FULL_CONTROL"));
        foreach (var grant in stored ?? [])
        {
            grants.Add(grant?.DeepClone());
        }

        return grants;
    }

    private static JsonArray Canned(string acl, string ownerId, bool forBucket)
    {
        JsonArray grants = acl switch
        {
            "private" => [],
            "public-read" => [Grant(Group("global/AllUsers"), "READ")],
            "public-read-write" => [Grant(Group("global/AllUsers"), "READ"), Grant(Group("global/AllUsers"), "WRITE")],
            "authenticated-read" => [Grant(Group("global/AuthenticatedUsers"), "READ")],
            "log-delivery-write" when forBucket => [Grant(Group("s3/LogDelivery"), "WRITE"), Grant(Group("s3/LogDelivery"), "READ_ACP")],
            "bucket-owner-read" or BucketOwnerFullControl when !forBucket => [],
            _ => throw S3Errors.InvalidArgument("Invalid canned ACL", "x-amz-acl", acl), // [guess] the message
        };
        grants.Insert(0, Grant(CanonicalUser(ownerId), "FULL_CONTROL"));
        return grants;
    }

    /// <summary>Grant headers: <c>id="…"</c>, <c>uri="…"</c> or <c>emailAddress="…"</c>, comma separated.</summary>
    private static JsonArray FromHeaders(JsonObject input, List<(string Header, string Permission)> headers)
    {
        var grants = new JsonArray();
        foreach (var (header, permission) in headers)
        {
            foreach (Match grantee in GranteeItem().Matches(input[header]!.GetValue<string>()))
            {
                var value = grantee.Groups["value"].Value;
                grants.Add(Grant(
                    grantee.Groups["kind"].Value switch
                    {
                        "id" => CanonicalUser(value),
                        "uri" => new JsonObject { ["Type"] = "Group", ["URI"] = value },
                        _ => new JsonObject { ["Type"] = "AmazonCustomerByEmail", ["EmailAddress"] = value },
                    },
                    permission));
            }
        }

        return grants.Count > 0 ? grants : throw S3Errors.InvalidArgument("Invalid grant header", headers[0].Header, null); // [guess] the message
    }

    private static bool IsOwnerFullControl(JsonNode? grant, string ownerId) =>
        (string?)grant?["Permission"] == "FULL_CONTROL" && (string?)grant?["Grantee"]?["ID"] == ownerId;

    private static JsonObject Grant(JsonObject grantee, string permission) => new() { ["Grantee"] = grantee, ["Permission"] = permission };

    private static JsonObject CanonicalUser(string id) => new() { ["Type"] = "CanonicalUser", ["ID"] = id, ["DisplayName"] = "webfile" };

    private static JsonObject Group(string name) => new() { ["Type"] = "Group", ["URI"] = Groups + name };

    [GeneratedRegex("(?<kind>id|uri|emailAddress)\\s*=\\s*\"?(?<value>[^\",]+)\"?")]
    private static partial Regex GranteeItem();
}
