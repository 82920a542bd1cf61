using Doqutore.Emulator.Authorization;
using Doqutore.Emulator.Providers.Iam.ManagedPolicies;

namespace Doqutore.Emulator.Tests.Iam;

/// <summary>The embedded AWS managed policies (the package comparison is in the integration tests).</summary>
public class AwsManagedPoliciesTests
{
    [Fact]
    public void Every_embedded_document_is_a_valid_identity_policy_for_the_engine()
    {
        var rejected = new List<string>();
        foreach (var policy in AwsManagedPolicies.All)
        {
            try
            {
                PolicyDocument.Parse(policy.Document, PolicyParseOptions.Identity);
            }
            catch (MalformedPolicyDocumentException error)
            {
                rejected.Add($"{policy.Name}: {error.Message}");
            }
        }

        Assert.Empty(rejected);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess", "/", "AdministratorAccess")]
    [InlineData("arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "/service-role/", "AWSLambdaRole")]
    [InlineData("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "/job-function/", "ViewOnlyAccess")]
    public void A_policy_is_found_by_arn_with_its_path(string arn, string path, string name)
    {
        var policy = AwsManagedPolicies.Find(arn)!;

        Assert.Equal((path, name), (policy.Path, policy.Name));
        Assert.Matches("^ANPA[A-Z2-7]{17}$", policy.PolicyId);
    }
}
