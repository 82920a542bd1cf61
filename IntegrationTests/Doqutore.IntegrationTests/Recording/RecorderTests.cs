using System.Text.Json.Nodes;
using Amazon.Runtime;
using Doqutore.Aws.Client;
using Doqutore.Aws.Models;
using Doqutore.Aws.Protocols;
using Doqutore.Emulator.Recording;
using Doqutore.IntegrationTests.Iam;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Recording;

/// <summary>
/// The CloudTrail recorder, through real signed calls: each record's identity, classification, parameters and
/// outcome as AWS writes them, secrets masked, and every record valid against AWS's record schema.
/// </summary>
public sealed class RecorderTests(RecordingEmulatorFixture emulator) : IClassFixture<RecordingEmulatorFixture>
{
    private const string Account = EmulatorFixture.AccountId;

    private readonly AwsClient _iam = IamSetup.Client(emulator, SdkClients.Root);

    [Fact]
    public async Task A_write_by_root_is_a_management_event_with_its_response()
    {
        var name = AwsCli.Unique("ct-root");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });

        var record = Only("CreateUser", name).Record;

        Assert.Equal("1.10", (string?)record["eventVersion"]);
        Assert.Equal("Root", (string?)record["userIdentity"]!["type"]);
        Assert.Equal(Account, (string?)record["userIdentity"]!["principalId"]);
        Assert.Equal($"arn:aws:iam::{Account}:root", (string?)record["userIdentity"]!["arn"]);
        Assert.Equal("test", (string?)record["userIdentity"]!["accessKeyId"]);
        Assert.Equal("iam.amazonaws.com", (string?)record["eventSource"]);
        Assert.Equal(name, (string?)record["requestParameters"]!["userName"]);
        Assert.Equal(name, (string?)record["responseElements"]!["user"]!["userName"]);
        Assert.False((bool)record["readOnly"]!);
        Assert.True((bool)record["managementEvent"]!);
        Assert.Equal("Management", (string?)record["eventCategory"]);
        Assert.Equal("AwsApiCall", (string?)record["eventType"]);
        Assert.Equal(Account, (string?)record["recipientAccountId"]);
        Assert.Empty(CloudTrailRecordSchema.Violations(record));
        Assert.Empty(CloudTrailRecordSchema.FormatViolations(record));
    }

    [Fact]
    public async Task Timestamps_in_IAM_response_elements_use_AWS_s_Java_form()
    {
        var name = AwsCli.Unique("ct-date");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });

        var createDate = (string?)Only("CreateUser", name).Record["responseElements"]!["user"]!["createDate"];

        Assert.Matches(@"^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} (AM|PM)$", createDate);
    }

    [Fact]
    public async Task IAM_events_are_recorded_in_us_east_1_whatever_region_signed_them()
    {
        var name = AwsCli.Unique("ct-region");
        using var iam = IamSetup.Client(emulator, SdkClients.Root, region: "eu-west-1");
        await iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });

        Assert.Equal("us-east-1", (string?)Only("CreateUser", name).Record["awsRegion"]);
    }

    [Fact]
    public async Task A_read_has_no_response_elements()
    {
        var name = AwsCli.Unique("ct-read");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });
        await _iam.InvokeAsync("GetUser", new JsonObject { ["UserName"] = name });

        var record = Only("GetUser", name);

        Assert.True(record.ReadOnly);
        Assert.Null(record.Record["responseElements"]);
        Assert.True(record.NeedsReadOnlyOptIn);
    }

    [Fact]
    public async Task An_access_denial_is_recorded_with_the_IAM_user_s_identity_and_AWS_s_error()
    {
        var (name, credentials, keyId) = await User();
        using var asUser = IamSetup.Client(emulator, credentials);
        var target = AwsCli.Unique("ct-victim");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => asUser.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = target }));

        var record = Only("CreateUser", target).Record;
        var identity = record["userIdentity"]!;
        Assert.Equal("IAMUser", (string?)identity["type"]);
        Assert.Equal(name, (string?)identity["userName"]);
        Assert.Equal(keyId, (string?)identity["accessKeyId"]);
        Assert.StartsWith("AIDA", (string?)identity["principalId"], StringComparison.Ordinal);
        Assert.Equal("AccessDenied", (string?)record["errorCode"]);
        Assert.Equal(error.Message, (string?)record["errorMessage"]);
        Assert.Null(record["responseElements"]);
        Assert.Empty(CloudTrailRecordSchema.Violations(record));
    }

    [Fact]
    public async Task A_login_profile_password_never_reaches_the_record()
    {
        var name = AwsCli.Unique("ct-pw");
        const string Password = "Corr3ct-Horse-Battery!";
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });
        await _iam.InvokeAsync("CreateLoginProfile", new JsonObject { ["UserName"] = name, ["Password"] = Password, ["PasswordResetRequired"] = true });

        var record = Only("CreateLoginProfile", name).Record;

        Assert.DoesNotContain(Password, record.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(name, (string?)record["requestParameters"]!["userName"]);
        Assert.True((bool)record["requestParameters"]!["passwordResetRequired"]!);
        Assert.Null(record["requestParameters"]!["password"]);
    }

    [Fact]
    public async Task A_new_access_key_is_recorded_without_its_secret()
    {
        var name = AwsCli.Unique("ct-key");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });
        var key = (await _iam.InvokeAsync("CreateAccessKey", new JsonObject { ["UserName"] = name }))["AccessKey"]!;

        var record = Only("CreateAccessKey", name).Record;

        Assert.Equal((string?)key["AccessKeyId"], (string?)record["responseElements"]!["accessKey"]!["accessKeyId"]);
        Assert.DoesNotContain((string)key["SecretAccessKey"]!, record.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(record["responseElements"]!["accessKey"]!["secretAccessKey"]);
    }

    [Fact]
    public async Task AssumeRole_names_the_role_and_its_session_acts_as_an_assumed_role()
    {
        var role = AwsCli.Unique("ct-role");
        var trust = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{Account}}:root"},"Action":"sts:AssumeRole"}]}""";
        var created = (await _iam.InvokeAsync("CreateRole", new JsonObject { ["RoleName"] = role, ["Path"] = "/responders/", ["AssumeRolePolicyDocument"] = trust }))["Role"]!;
        await _iam.InvokeAsync("AttachRolePolicy", new JsonObject { ["RoleName"] = role, ["PolicyArn"] = "arn:aws:iam::aws:policy/IAMReadOnlyAccess" });
        using var sts = new AwsClient(ServiceModels.Get("sts"), new AwsClientOptions { ServiceUrl = emulator.Endpoint, AuthenticationRegion = EmulatorFixture.Region, Credentials = SdkClients.Root, MaxErrorRetry = 0 });
        var credentials = (await sts.InvokeAsync("AssumeRole", new JsonObject { ["RoleArn"] = (string)created["Arn"]!, ["RoleSessionName"] = "incident-42" }))["Credentials"]!;
        var session = new SessionAWSCredentials((string)credentials["AccessKeyId"]!, (string)credentials["SecretAccessKey"]!, (string)credentials["SessionToken"]!);

        using var asRole = IamSetup.Client(emulator, session);
        await asRole.InvokeAsync("GetRole", new JsonObject { ["RoleName"] = role });

        var assume = Only("AssumeRole", role).Record;
        Assert.Equal("AWS::IAM::Role", (string?)assume["resources"]![0]!["type"]);
        Assert.Equal((string?)created["Arn"], (string?)assume["resources"]![0]!["ARN"]);
        Assert.Null(assume["responseElements"]!["credentials"]!["secretAccessKey"]);
        Assert.DoesNotContain((string)credentials["SecretAccessKey"]!, assume.ToJsonString(), StringComparison.Ordinal);

        var identity = Only("GetRole", role).Record["userIdentity"]!;
        Assert.Equal("AssumedRole", (string?)identity["type"]);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/{role}/incident-42", (string?)identity["arn"]);
        Assert.Equal((string?)created["RoleId"] + ":incident-42", (string?)identity["principalId"]);
        Assert.Equal((string?)credentials["AccessKeyId"], (string?)identity["accessKeyId"]);
        var issuer = identity["sessionContext"]!["sessionIssuer"]!;
        Assert.Equal("Role", (string?)issuer["type"]);
        Assert.Equal((string?)created["RoleId"], (string?)issuer["principalId"]);
        Assert.Equal($"arn:aws:iam::{Account}:role/responders/{role}", (string?)issuer["arn"]);
        Assert.Equal(role, (string?)issuer["userName"]);
        Assert.Equal("false", (string?)identity["sessionContext"]!["attributes"]!["mfaAuthenticated"]);
        Assert.Null(identity["userName"]);
    }

    [Fact]
    public async Task A_bad_signature_with_an_existing_key_is_attributed_to_its_owner()
    {
        var (name, credentials, keyId) = await User();
        var forged = new BasicAWSCredentials(keyId, "not-the-secret");
        var marker = AwsCli.Unique("ct-forged");
        using var asForger = IamSetup.Client(emulator, forged);

        await Assert.ThrowsAsync<AwsServiceException>(() => asForger.InvokeAsync("GetUser", new JsonObject { ["UserName"] = marker }));

        var record = Assert.Single(emulator.Trail.Records, r => r.AccessKeyId == keyId && r.ErrorCode is not null);
        Assert.Equal("SignatureDoesNotMatch", record.ErrorCode);
        Assert.Equal(name, (string?)record.Record["userIdentity"]!["userName"]);
        _ = credentials;
    }

    [Fact]
    public async Task A_call_with_an_unknown_key_is_not_recorded()
    {
        var marker = AwsCli.Unique("ct-unknown");
        using var stranger = IamSetup.Client(emulator, new BasicAWSCredentials("AKIAUNKNOWNKEY000000", "whatever"));

        await Assert.ThrowsAsync<AwsServiceException>(() => stranger.InvokeAsync("GetUser", new JsonObject { ["UserName"] = marker }));

        Assert.DoesNotContain(emulator.Trail.Records, r => r.AccessKeyId == "AKIAUNKNOWNKEY000000");
    }

    [Fact]
    public async Task Lookup_facts_match_the_record()
    {
        var name = AwsCli.Unique("ct-facts");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });

        var record = Only("CreateUser", name);

        Assert.Equal("root", record.Username);
        Assert.Equal("aws.iam", record.EventBridgeSource);
        Assert.Equal(CloudTrailEventCategory.Management, record.Category);
        Assert.Contains(record.Resources, r => r.Type == "AWS::IAM::User" && r.Name == name);
        Assert.Equal((string?)record.Record["eventID"], record.EventId);
        Assert.True(record.EventTime >= record.ReceivedAt);
    }

    private CloudTrailRecord Only(string eventName, string marker) => Assert.Single(emulator.Trail.Find(eventName, marker));

    private async Task<(string Name, AWSCredentials Credentials, string KeyId)> User()
    {
        var name = AwsCli.Unique("ct-user");
        await _iam.InvokeAsync("CreateUser", new JsonObject { ["UserName"] = name });
        var credentials = await IamSetup.CreateAccessKey(_iam, name);
        return (name, credentials, credentials.GetCredentials().AccessKey);
    }
}
