using System.Text.Json.Nodes;
using Doqutore.Aws.Protocols;
using Doqutore.Aws.Wire;
using Doqutore.Emulator.Core;
using Doqutore.Emulator.Providers.Iam;

namespace Doqutore.Emulator.Tests.Iam;

/// <summary>What authentication and authorization will read from IAM, through the provider's own operations.</summary>
public class IamIdentityLookupTests
{
    private const string Account = "111122223333";
    private const string DenyAll = "arn:aws:iam::aws:policy/AWSDenyAll";
    private const string AllowS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";

    private readonly IamStore _store = new();
    private readonly IamProvider _iam;
    private readonly RequestContext _root = new(new WireRequest(), "test", DateTimeOffset.UnixEpoch) { Principal = Principal.Root(Account, "AKIAROOT") };

    public IamIdentityLookupTests() => _iam = new IamProvider(_store, TimeProvider.System);

    private JsonObject Call(Func<RequestContext, JsonObject, JsonObject> operation, JsonObject input) => operation(_root, input);

    private string CreateKey(string user)
    {
        Call(_iam.CreateUser, new() { ["UserName"] = user });
        return (string)Call(_iam.CreateAccessKey, new() { ["UserName"] = user })["AccessKey"]!["AccessKeyId"]!;
    }

    [Fact]
    public void An_access_key_is_found_by_id_with_its_user_secret_and_status()
    {
        var keyId = CreateKey("mallory");

        var key = _store.FindAccessKey(keyId)!;

        Assert.Equal((Account, "mallory", true), (key.AccountId, key.UserName, key.Active));
        Assert.Equal($"arn:aws:iam::{Account}:user/mallory", key.UserArn);
        Assert.StartsWith("AIDA", key.UserId, StringComparison.Ordinal);
        Assert.Equal(40, key.SecretAccessKey.Length);
    }

    [Fact]
    public void An_inactive_key_is_found_inactive_and_a_deleted_key_is_not_found()
    {
        var keyId = CreateKey("mallory");

        Call(_iam.UpdateAccessKey, new() { ["UserName"] = "mallory", ["AccessKeyId"] = keyId, ["Status"] = "Inactive" });
        var inactive = _store.FindAccessKey(keyId);
        Call(_iam.DeleteAccessKey, new() { ["UserName"] = "mallory", ["AccessKeyId"] = keyId });

        Assert.False(inactive!.Active);
        Assert.Null(_store.FindAccessKey(keyId));
    }

    [Fact]
    public void A_users_policies_include_its_groups_and_its_boundary()
    {
        Call(_iam.CreateUser, new() { ["UserName"] = "mallory" });
        Call(_iam.CreateGroup, new() { ["GroupName"] = "ops" });
        Call(_iam.AddUserToGroup, new() { ["GroupName"] = "ops", ["UserName"] = "mallory" });
        Call(_iam.AttachUserPolicy, new() { ["UserName"] = "mallory", ["PolicyArn"] = DenyAll });
        Call(_iam.PutGroupPolicy, new() { ["GroupName"] = "ops", ["PolicyName"] = "s3", ["PolicyDocument"] = AllowS3 });
        Call(_iam.PutUserPermissionsBoundary, new() { ["UserName"] = "MALLORY", ["PermissionsBoundary"] = "arn:aws:iam::aws:policy/ReadOnlyAccess" });

        var policies = _store.UserPolicies(Account, "Mallory")!;

        Assert.Collection(
            policies.Policies,
            p => Assert.Equal((IamPolicySource.Managed, DenyAll, $"arn:aws:iam::{Account}:user/mallory"), (p.Source, p.Id, p.OwnerArn)),
            p => Assert.Equal((IamPolicySource.Inline, "s3", $"arn:aws:iam::{Account}:group/ops", AllowS3), (p.Source, p.Id, p.OwnerArn, p.Document)));
        Assert.Contains("\"DenyAll\"", policies.Policies[0].Document, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::aws:policy/ReadOnlyAccess", policies.PermissionsBoundaryArn);
        Assert.Contains("\"Allow\"", policies.PermissionsBoundary, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_change_moves_the_generation()
    {
        Call(_iam.CreateUser, new() { ["UserName"] = "mallory" });
        var before = _store.UserPolicies(Account, "mallory")!.Generation;

        Call(_iam.PutUserPolicy, new() { ["UserName"] = "mallory", ["PolicyName"] = "s3", ["PolicyDocument"] = AllowS3 });

        Assert.True(_store.Generation(Account) > before);
    }

    [Fact]
    public void A_role_is_found_with_its_trust_policy()
    {
        const string trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        Call(_iam.CreateRole, new() { ["RoleName"] = "responder", ["AssumeRolePolicyDocument"] = trust, ["MaxSessionDuration"] = 7200L });

        var role = _store.FindRole(Account, "RESPONDER")!;

        Assert.Equal((trust, 7200, $"arn:aws:iam::{Account}:role/responder"), (role.TrustPolicy, role.MaxSessionDuration, role.Arn));
        Assert.StartsWith("AROA", role.RoleId, StringComparison.Ordinal);
        Assert.NotNull(_store.RolePolicies(Account, "responder"));
        Assert.Null(_store.RolePolicies(Account, "nobody"));
    }

    [Fact]
    public void Concurrent_key_creation_never_exceeds_two_keys()
    {
        Call(_iam.CreateUser, new() { ["UserName"] = "racer" });
        var outcomes = new string[32];

        Parallel.For(0, outcomes.Length, i =>
        {
            try
            {
                Call(_iam.CreateAccessKey, new() { ["UserName"] = "racer" });
                outcomes[i] = "created";
            }
            catch (AwsServiceException error)
            {
                outcomes[i] = error.Code;
            }
        });

        Assert.Equal(2, outcomes.Count(o => o == "created"));
        Assert.Equal(30, outcomes.Count(o => o == "LimitExceeded"));
        Assert.Equal(2, Call(_iam.ListAccessKeys, new() { ["UserName"] = "racer" })["AccessKeyMetadata"]!.AsArray().Count);
    }

    [Fact]
    public void A_key_use_is_recorded_for_GetAccessKeyLastUsed()
    {
        var keyId = CreateKey("mallory");
        var when = new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

        _store.RecordAccessKeyUse(keyId, "sqs", "eu-west-1", when);
        var used = Call(_iam.GetAccessKeyLastUsed, new() { ["AccessKeyId"] = keyId })["AccessKeyLastUsed"]!;

        Assert.Equal(("sqs", "eu-west-1"), ((string?)used["ServiceName"], (string?)used["Region"]));
        Assert.Equal(when, used["LastUsedDate"]!.GetValue<DateTimeOffset>());
    }
}
