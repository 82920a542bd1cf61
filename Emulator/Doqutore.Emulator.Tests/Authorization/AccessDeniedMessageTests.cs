using Doqutore.Emulator.Authorization;

namespace Doqutore.Emulator.Tests.Authorization;

public class AccessDeniedMessageTests
{
    private const string Alice = "arn:aws:iam::111122223333:user/alice";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/Testrole/Diego";

    [Theory]
    [InlineData(Decision.ImplicitDeny, PolicyType.IdentityBased, "because no identity-based policy allows the s3:GetObject action")]
    [InlineData(Decision.ExplicitDeny, PolicyType.IdentityBased, "with an explicit deny in an identity-based policy")]
    [InlineData(Decision.ImplicitDeny, PolicyType.ResourceBased, "because no resource-based policy allows the s3:GetObject action")]
    [InlineData(Decision.ExplicitDeny, PolicyType.ResourceBased, "with an explicit deny in a resource-based policy")]
    [InlineData(Decision.ImplicitDeny, PolicyType.PermissionsBoundary, "because no permissions boundary allows the s3:GetObject action")]
    [InlineData(Decision.ExplicitDeny, PolicyType.PermissionsBoundary, "with an explicit deny in a permissions boundary")]
    [InlineData(Decision.ImplicitDeny, PolicyType.SessionPolicy, "because no session policy allows the s3:GetObject action")]
    [InlineData(Decision.ExplicitDeny, PolicyType.SessionPolicy, "with an explicit deny in a sessions policy")]
    [InlineData(Decision.ImplicitDeny, PolicyType.RoleTrustPolicy, "because no role trust policy allows the s3:GetObject action")]
    [InlineData(Decision.ExplicitDeny, PolicyType.RoleTrustPolicy, "with an explicit deny in the role trust policy")]
    public void Each_policy_type_is_worded_as_AWS_words_it(Decision decision, PolicyType type, string tail) =>
        Assert.Equal(
            $"User: {Alice} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k {tail}",
            AccessDeniedMessage.For(Alice, "s3:GetObject", "arn:aws:s3:::b/k", decision, type));

    [Fact]
    public void A_session_is_named_by_its_session_arn()
    {
        var request = new AuthorizationRequest(RequestPrincipal.RoleSession("111122223333", "Testrole", "AROAEXAMPLE", "Diego"), "iam:PassRole", "arn:aws:iam::111122223333:role/x");

        var message = AccessDeniedMessage.For(request, PolicyEvaluator.Evaluate(request));

        Assert.Equal($"User: {Session} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::111122223333:role/x because no identity-based policy allows the iam:PassRole action", message);
    }

    [Fact]
    public void An_action_without_a_resource_omits_the_resource_part() =>
        Assert.Equal(
            $"User: {Alice} is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action",
            AccessDeniedMessage.For(Alice, "codecommit:ListRepositories", "*", Decision.ImplicitDeny, PolicyType.IdentityBased));

    [Fact]
    public void An_allowed_result_has_no_message() =>
        Assert.Throws<ArgumentException>(() => AccessDeniedMessage.For(Alice, "s3:GetObject", null, Decision.Allow, PolicyType.IdentityBased));
}
