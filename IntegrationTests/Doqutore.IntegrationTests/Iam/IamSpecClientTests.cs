using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Iam;

/// <summary>IAM's bad-input answers and bookkeeping through the SDK-free spec client.</summary>
[Collection(EmulatorCollection.Name)]
public class IamSpecClientTests(EmulatorFixture emulator) : IDisposable
{
    private readonly AwsClient _iam = new(ServiceModels.Get("iam"), new AwsClientOptions
    {
        ServiceUrl = emulator.Endpoint,
        AuthenticationRegion = EmulatorFixture.Region,
        Credentials = new BasicAWSCredentials(EmulatorFixture.AccessKeyId, EmulatorFixture.SecretAccessKey),
        MaxErrorRetry = 0,
    });

    public void Dispose()
    {
        _iam.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private Task<JsonObject> Call(string operation, JsonObject input) => _iam.InvokeAsync(operation, input);

    private async Task<AwsServiceException> Refused(string operation, JsonObject input) =>
        await Assert.ThrowsAsync<AwsServiceException>(() => _iam.InvokeAsync(operation, input));

    [Fact]
    public async Task A_managed_policy_over_6144_characters_is_LimitExceeded_and_not_created()
    {
        var name = Unique("huge");
        var actions = string.Join(',', Enumerable.Range(0, 500).Select(i => $"\"s3:GetObject{i:D4}\""));

        var error = await Refused("CreatePolicy", new() { ["PolicyName"] = name, ["PolicyDocument"] = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{actions}}],"Resource":"*"}]}""" });

        Assert.Equal(("LimitExceeded", 409, "Cannot exceed quota for PolicySize: 6144"), (error.Code, error.StatusCode, error.Message));
        var missing = await Refused("GetPolicy", new() { ["PolicyArn"] = $"arn:aws:iam::000000000000:policy/{name}" });
        Assert.Equal("NoSuchEntity", missing.Code);
    }

    [Fact]
    public async Task A_path_without_slashes_is_a_ValidationError()
    {
        var error = await Refused("CreateUser", new() { ["UserName"] = Unique("path"), ["Path"] = "incident" });

        Assert.Equal(("ValidationError", 400), (error.Code, error.StatusCode));
        Assert.Equal(@"1 validation error detected: Value 'incident' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)", error.Message);
    }

    [Fact]
    public async Task A_role_name_over_64_characters_is_a_ValidationError()
    {
        var name = new string('r', 65);

        var error = await Refused("CreateRole", new() { ["RoleName"] = name, ["AssumeRolePolicyDocument"] = "{}" });

        Assert.Equal($"1 validation error detected: Value '{name}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64", error.Message);
    }

    [Fact]
    public async Task A_trust_policy_naming_a_user_that_does_not_exist_is_refused_and_creates_no_role()
    {
        var role = Unique("trust");
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/nobody-here"},"Action":"sts:AssumeRole"}]}""";

        var error = await Refused("CreateRole", new() { ["RoleName"] = role, ["AssumeRolePolicyDocument"] = trust });

        Assert.Equal(("MalformedPolicyDocument", 400), (error.Code, error.StatusCode));
        Assert.StartsWith("Invalid principal in policy", error.Message, StringComparison.Ordinal);
        Assert.Equal("NoSuchEntity", (await Refused("GetRole", new() { ["RoleName"] = role })).Code);
    }

    [Fact]
    public async Task Renaming_a_user_keeps_its_id_and_moves_its_arn()
    {
        var name = Unique("old");
        var renamed = Unique("new");
        var id = (string)(await Call("CreateUser", new() { ["UserName"] = name }))["User"]!["UserId"]!;

        await Call("UpdateUser", new() { ["UserName"] = name, ["NewUserName"] = renamed, ["NewPath"] = "/moved/" });
        var user = (await Call("GetUser", new() { ["UserName"] = renamed }))["User"]!;

        Assert.Equal((id, $"arn:aws:iam::000000000000:user/moved/{renamed}"), ((string?)user["UserId"], (string?)user["Arn"]));
        Assert.Equal("NoSuchEntity", (await Refused("GetUser", new() { ["UserName"] = name })).Code);
    }

    [Fact]
    public async Task A_customer_policy_with_a_path_counts_its_attachments()
    {
        var user = Unique("att");
        await Call("CreateUser", new() { ["UserName"] = user });
        var arn = (string)(await Call("CreatePolicy", new()
        {
            ["PolicyName"] = Unique("pol"),
            ["Path"] = "/team/",
            ["PolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"}]}""",
        }))["Policy"]!["Arn"]!;

        await Call("AttachUserPolicy", new() { ["UserName"] = user, ["PolicyArn"] = arn });
        var policy = (await Call("GetPolicy", new() { ["PolicyArn"] = arn }))["Policy"]!;
        var conflict = await Refused("DeletePolicy", new() { ["PolicyArn"] = arn });

        Assert.StartsWith("arn:aws:iam::000000000000:policy/team/pol-", arn, StringComparison.Ordinal);
        Assert.Matches("^ANPA[A-Z2-7]{17}$", (string?)policy["PolicyId"]);
        Assert.Equal(1L, (long?)policy["AttachmentCount"]);
        Assert.Equal(("DeleteConflict", "Cannot delete a policy attached to entities."), (conflict.Code, conflict.Message));
    }

    [Fact]
    public async Task Attaching_a_policy_that_does_not_exist_is_NoSuchEntity()
    {
        var user = Unique("att");
        await Call("CreateUser", new() { ["UserName"] = user });

        var error = await Refused("AttachUserPolicy", new() { ["UserName"] = user, ["PolicyArn"] = "arn:aws:iam::aws:policy/NotAPolicyAtAll" });

        Assert.Equal(("NoSuchEntity", 404, "Policy arn:aws:iam::aws:policy/NotAPolicyAtAll does not exist or is not attachable."), (error.Code, error.StatusCode, error.Message));
        Assert.Empty((await Call("ListAttachedUserPolicies", new() { ["UserName"] = user }))["AttachedPolicies"]!.AsArray());
    }

    [Fact]
    public async Task Detaching_a_policy_that_is_not_attached_is_NoSuchEntity()
    {
        var role = Unique("role");
        await Call("CreateRole", new()
        {
            ["RoleName"] = role,
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });

        var error = await Refused("DetachRolePolicy", new() { ["RoleName"] = role, ["PolicyArn"] = "arn:aws:iam::aws:policy/AWSDenyAll" });

        Assert.Equal(("NoSuchEntity", "Policy arn:aws:iam::aws:policy/AWSDenyAll was not found."), (error.Code, error.Message));
    }

    [Fact]
    public async Task A_role_with_a_permissions_boundary_shows_it()
    {
        var role = Unique("bounded");
        await Call("CreateRole", new()
        {
            ["RoleName"] = role,
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });

        await Call("PutRolePermissionsBoundary", new() { ["RoleName"] = role, ["PermissionsBoundary"] = "arn:aws:iam::aws:policy/ReadOnlyAccess" });
        var got = (await Call("GetRole", new() { ["RoleName"] = role }))["Role"]!;

        Assert.Equal("arn:aws:iam::aws:policy/ReadOnlyAccess", (string?)got["PermissionsBoundary"]!["PermissionsBoundaryArn"]);
        Assert.Equal("PermissionsBoundaryPolicy", (string?)got["PermissionsBoundary"]!["PermissionsBoundaryType"]);
    }

    [Fact]
    public async Task ListEntitiesForPolicy_names_the_users_groups_and_roles_using_it()
    {
        var (user, group, role) = (Unique("u"), Unique("g"), Unique("r"));
        var arn = (string)(await Call("CreatePolicy", new()
        {
            ["PolicyName"] = Unique("shared"),
            ["PolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""",
        }))["Policy"]!["Arn"]!;
        await Call("CreateUser", new() { ["UserName"] = user });
        await Call("CreateGroup", new() { ["GroupName"] = group });
        await Call("CreateRole", new()
        {
            ["RoleName"] = role,
            ["AssumeRolePolicyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
        });
        await Call("AttachUserPolicy", new() { ["UserName"] = user, ["PolicyArn"] = arn });
        await Call("AttachGroupPolicy", new() { ["GroupName"] = group, ["PolicyArn"] = arn });
        await Call("PutRolePermissionsBoundary", new() { ["RoleName"] = role, ["PermissionsBoundary"] = arn });

        var all = await Call("ListEntitiesForPolicy", new() { ["PolicyArn"] = arn });
        var policiesOnly = await Call("ListEntitiesForPolicy", new() { ["PolicyArn"] = arn, ["PolicyUsageFilter"] = "PermissionsPolicy" });

        Assert.Equal(user, (string?)Assert.Single(all["PolicyUsers"]!.AsArray())!["UserName"]);
        Assert.Equal(group, (string?)Assert.Single(all["PolicyGroups"]!.AsArray())!["GroupName"]);
        Assert.Equal(role, (string?)Assert.Single(all["PolicyRoles"]!.AsArray())!["RoleName"]);
        Assert.Empty(policiesOnly["PolicyRoles"]!.AsArray());
    }

    [Fact]
    public async Task Renaming_a_group_keeps_its_members()
    {
        var (user, group, renamed) = (Unique("u"), Unique("g"), Unique("g"));
        await Call("CreateUser", new() { ["UserName"] = user });
        await Call("CreateGroup", new() { ["GroupName"] = group });
        await Call("AddUserToGroup", new() { ["GroupName"] = group, ["UserName"] = user });

        await Call("UpdateGroup", new() { ["GroupName"] = group, ["NewGroupName"] = renamed });
        var groups = (await Call("ListGroupsForUser", new() { ["UserName"] = user }))["Groups"]!.AsArray();
        var members = (await Call("GetGroup", new() { ["GroupName"] = renamed }))["Users"]!.AsArray();

        Assert.Equal($"arn:aws:iam::000000000000:group/{renamed}", (string?)Assert.Single(groups)!["Arn"]);
        Assert.Equal(user, (string?)Assert.Single(members)!["UserName"]);
    }
}
