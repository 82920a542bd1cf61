using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>
/// IAM through boto3. One Python process runs every scenario for the class (starting Python per call would
/// dominate the time); each test asserts one scenario's recorded outcome.
/// </summary>
[Collection(EmulatorCollection.Name)]
public class IamBoto3Tests(EmulatorFixture emulator)
{
    private static readonly Boto3Scenario Scenario = new("""
        iam = boto3.client("iam", endpoint_url=url, config=cfg)
        # Without botocore's own checks, to see the emulator's answer to values the model forbids.
        raw = boto3.client("iam", endpoint_url=url, config=Config(retries={"max_attempts": 1}, parameter_validation=False))
        out["run"] = run

        # Pagination: five users under one path, two per page.
        path = f"/page-{run}/"
        for i in range(5):
            iam.create_user(UserName=f"p{i}-{run}", Path=path)
        pages, marker = [], None
        while True:
            kw = {"PathPrefix": path, "MaxItems": 2}
            if marker: kw["Marker"] = marker
            r = iam.list_users(**kw)
            pages.append({"names": [u["UserName"] for u in r["Users"]], "truncated": r["IsTruncated"]})
            marker = r.get("Marker")
            if not r["IsTruncated"]: break
        out["pages"] = pages
        out["paginated"] = [u["UserName"] for p in iam.get_paginator("list_users").paginate(PathPrefix=path, PaginationConfig={"PageSize": 3}) for u in p["Users"]]
        out["bad_max_items"] = err(raw.list_users, MaxItems=0)

        # Groups.
        g, u = f"ops-{run}", f"member-{run}"
        iam.create_user(UserName=u)
        iam.create_group(GroupName=g)
        iam.add_user_to_group(GroupName=g, UserName=u)
        out["group_users"] = [x["UserName"] for x in iam.get_group(GroupName=g)["Users"]]
        out["groups_for_user"] = [x["GroupName"] for x in iam.list_groups_for_user(UserName=u)["Groups"]]
        out["delete_group_with_member"] = err(iam.delete_group, GroupName=g)
        out["delete_user_in_group"] = err(iam.delete_user, UserName=u)
        iam.remove_user_from_group(GroupName=g, UserName=u)
        out["delete_group_empty"] = err(iam.delete_group, GroupName=g)

        # Customer managed policy versions.
        doc = lambda a: json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": a, "Resource": "*"}]})
        arn = iam.create_policy(PolicyName=f"pol-{run}", PolicyDocument=doc("s3:GetObject"))["Policy"]["Arn"]
        for a in ["s3:PutObject", "sqs:SendMessage", "sns:Publish", "logs:PutLogEvents"]:
            iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc(a))
        out["sixth_version"] = err(iam.create_policy_version, PolicyArn=arn, PolicyDocument=doc("ec2:*"))
        iam.set_default_policy_version(PolicyArn=arn, VersionId="v3")
        out["default_after_set"] = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
        out["v3_document"] = iam.get_policy_version(PolicyArn=arn, VersionId="v3")["PolicyVersion"]["Document"]
        out["versions"] = [(v["VersionId"], v["IsDefaultVersion"]) for v in iam.list_policy_versions(PolicyArn=arn)["Versions"]]
        out["delete_default_version"] = err(iam.delete_policy_version, PolicyArn=arn, VersionId="v3")
        out["delete_policy_with_versions"] = err(iam.delete_policy, PolicyArn=arn)
        for v in ["v1", "v2", "v4", "v5"]:
            iam.delete_policy_version(PolicyArn=arn, VersionId=v)
        out["delete_policy"] = err(iam.delete_policy, PolicyArn=arn)

        # Inline policy size: 2,048 characters per user, whitespace not counted.
        iu = f"inline-{run}"
        iam.create_user(UserName=iu)
        big = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [f"s3:Get{i:04d}" for i in range(200)], "Resource": "*"}]})
        padded = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}, indent=400)
        out["big_inline"] = err(iam.put_user_policy, UserName=iu, PolicyName="big", PolicyDocument=big)
        out["padded_inline"] = err(iam.put_user_policy, UserName=iu, PolicyName="padded", PolicyDocument=padded)
        out["padded_length"] = len(padded)
        out["inline_names"] = iam.list_user_policies(UserName=iu)["PolicyNames"]
        out["inline_document"] = iam.get_user_policy(UserName=iu, PolicyName="padded")["PolicyDocument"]
        out["delete_user_with_inline"] = err(iam.delete_user, UserName=iu)

        # Login profile, access key status, tags.
        lu = f"login-{run}"
        iam.create_user(UserName=lu)
        out["login"] = iam.create_login_profile(UserName=lu, Password="Corr3ct-Horse!", PasswordResetRequired=True)["LoginProfile"]
        out["login_again"] = err(iam.create_login_profile, UserName=lu, Password="Corr3ct-Horse!")
        out["delete_user_with_login"] = err(iam.delete_user, UserName=lu)
        key = iam.create_access_key(UserName=lu)["AccessKey"]["AccessKeyId"]
        iam.update_access_key(UserName=lu, AccessKeyId=key, Status="Inactive")
        out["key_status"] = iam.list_access_keys(UserName=lu)["AccessKeyMetadata"][0]["Status"]
        out["last_used"] = iam.get_access_key_last_used(AccessKeyId=key)["AccessKeyLastUsed"]
        out["bad_status"] = err(iam.update_access_key, UserName=lu, AccessKeyId=key, Status="Paused")
        iam.tag_user(UserName=lu, Tags=[{"Key": "team", "Value": "red"}, {"Key": "tier", "Value": "1"}])
        iam.untag_user(UserName=lu, TagKeys=["tier"])
        out["tags"] = iam.list_user_tags(UserName=lu)["Tags"]
        out["bad_name"] = err(raw.create_user, UserName="bad name!")
        out["missing_user"] = err(iam.get_user, UserName=f"ghost-{run}")
        """);

    private JsonObject Outcome => Scenario.Outcome(emulator);

    [SkippableFact]
    public void ListUsers_pages_with_Marker_and_MaxItems()
    {
        var pages = Outcome["pages"]!.AsArray();

        Assert.Equal([2, 2, 1], pages.Select(p => p!["names"]!.AsArray().Count));
        Assert.Equal([true, true, false], pages.Select(p => (bool)p!["truncated"]!));
        var names = pages.SelectMany(p => p!["names"]!.AsArray().Select(n => (string)n!)).ToList();
        Assert.Equal(5, names.Distinct().Count());
        Assert.Equal(names, Outcome["paginated"]!.AsArray().Select(n => (string)n!));
    }

    [SkippableFact]
    public void MaxItems_zero_is_a_ValidationError()
    {
        AssertError(Outcome["bad_max_items"]!, "ValidationError", 400, "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    [SkippableFact]
    public void Group_membership_blocks_deleting_the_group_and_the_user()
    {
        Assert.Single(Outcome["group_users"]!.AsArray());
        Assert.Single(Outcome["groups_for_user"]!.AsArray());
        AssertError(Outcome["delete_group_with_member"]!, "DeleteConflict", 409, "Cannot delete entity, must remove users from group first.");
        AssertError(Outcome["delete_user_in_group"]!, "DeleteConflict", 409, "Cannot delete entity, must remove user from all groups first.");
        Assert.Null((string?)Outcome["delete_group_empty"]!["code"]);
    }

    [SkippableFact]
    public void A_policy_holds_five_versions_and_the_sixth_is_LimitExceeded()
    {
        AssertError(Outcome["sixth_version"]!, "LimitExceeded", 409, "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
        Assert.Equal("v3", (string?)Outcome["default_after_set"]);
        Assert.Equal("sqs:SendMessage", (string?)Outcome["v3_document"]!["Statement"]![0]!["Action"]);
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], Outcome["versions"]!.AsArray().Select(v => (string)v![0]!));
        Assert.Equal(["v3"], Outcome["versions"]!.AsArray().Where(v => (bool)v![1]!).Select(v => (string)v![0]!));
    }

    [SkippableFact]
    public void A_policy_is_deleted_only_without_extra_versions_and_never_its_default_version()
    {
        AssertError(Outcome["delete_default_version"]!, "DeleteConflict", 409, "Cannot delete the default version of a policy.");
        AssertError(Outcome["delete_policy_with_versions"]!, "DeleteConflict", 409, "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
        Assert.Null((string?)Outcome["delete_policy"]!["code"]);
    }

    [SkippableFact]
    public void Inline_user_policies_are_limited_to_2048_characters_without_whitespace()
    {
        AssertError(Outcome["big_inline"]!, "LimitExceeded", 409, $"Maximum policy size of 2048 bytes exceeded for user inline-{(string?)Outcome["run"]}");
        Assert.Null((string?)Outcome["padded_inline"]!["code"]);
        Assert.True((int)Outcome["padded_length"]! > 2048);
        Assert.Equal(["padded"], Outcome["inline_names"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("Deny", (string?)Outcome["inline_document"]!["Statement"]![0]!["Effect"]);
        AssertError(Outcome["delete_user_with_inline"]!, "DeleteConflict", 409, "Cannot delete entity, must delete policies first.");
    }

    [SkippableFact]
    public void A_login_profile_is_created_once_and_blocks_deleting_its_user()
    {
        var login = Outcome["login"]!.AsObject();

        Assert.True((bool)login["PasswordResetRequired"]!);
        Assert.DoesNotContain(login, p => p.Key.Contains("Password", StringComparison.Ordinal) && p.Key != "PasswordResetRequired");
        Assert.Equal("EntityAlreadyExists", (string?)Outcome["login_again"]!["code"]);
        AssertError(Outcome["delete_user_with_login"]!, "DeleteConflict", 409, "Cannot delete entity, must delete login profile first.");
    }

    [SkippableFact]
    public void An_access_key_set_Inactive_is_listed_Inactive_and_never_used()
    {
        Assert.Equal("Inactive", (string?)Outcome["key_status"]);
        Assert.Equal("N/A", (string?)Outcome["last_used"]!["ServiceName"]);
        Assert.Equal("N/A", (string?)Outcome["last_used"]!["Region"]);
        AssertError(Outcome["bad_status"]!, "ValidationError", 400, "1 validation error detected: Value 'Paused' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
    }

    [SkippableFact]
    public void Tags_are_added_and_removed_by_key()
    {
        var tags = Outcome["tags"]!.AsArray();

        Assert.Equal("team", (string?)Assert.Single(tags)!["Key"]);
        Assert.Equal("red", (string?)tags[0]!["Value"]);
    }

    [SkippableFact]
    public void A_user_name_outside_the_pattern_is_a_ValidationError()
    {
        AssertError(Outcome["bad_name"]!, "ValidationError", 400, @"1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+");
    }

    [SkippableFact]
    public void A_missing_user_is_NoSuchEntity()
    {
        var error = Outcome["missing_user"]!;

        Assert.Equal(("NoSuchEntity", 404), ((string?)error["code"], (int?)error["status"]));
        Assert.Matches("^The user with name ghost-[0-9a-f]{10} cannot be found\\.$", (string?)error["message"]);
    }

    private static void AssertError(JsonNode error, string code, int status, string message)
    {
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal(status, (int?)error["status"]);
        Assert.Equal(message, (string?)error["message"]);
    }
}
