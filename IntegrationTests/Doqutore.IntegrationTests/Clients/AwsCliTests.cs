using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Clients;

/// <summary>Debian's AWS CLI v2 against the emulator: STS answers, services not emulated yet error cleanly.</summary>
[Collection(EmulatorCollection.Name)]
public class AwsCliTests(EmulatorFixture emulator)
{
    [SkippableFact]
    public void Sts_get_caller_identity_prints_the_account_root()
    {
        ExternalTool.RequireAwsCli();

        var result = Aws("sts", "get-caller-identity", "--output", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var identity = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("arn:aws:iam::000000000000:root", (string?)identity["Arn"]);
        Assert.Equal("000000000000", (string?)identity["Account"]);
        Assert.Equal("000000000000", (string?)identity["UserId"]);
    }

    [SkippableFact]
    public void Wrong_secret_is_refused_with_SignatureDoesNotMatch()
    {
        ExternalTool.RequireAwsCli();

        var result = Aws(["sts", "get-caller-identity"], secret: "not-the-secret");

        Assert.Equal(254, result.ExitCode);
        Assert.Contains("An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Unknown_access_key_is_refused_with_InvalidClientTokenId()
    {
        ExternalTool.RequireAwsCli();

        var result = Aws(["sts", "get-caller-identity"], accessKey: "AKIAIOSFODNN7EXAMPLE");

        Assert.Equal(254, result.ExitCode);
        Assert.Contains("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.", result.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> NotYetEmulated => new()
    {
        { "sns list-platform-applications", "sns", "ListPlatformApplications" },
        { "events list-archives", "events", "ListArchives" },
        { "s3api get-bucket-accelerate-configuration --bucket any-bucket", "s3", "GetBucketAccelerateConfiguration" },
        { "dynamodb describe-limits", "dynamodb", "DescribeLimits" },
        { "lambda list-layers", "lambda", "ListLayers" },
        { "cloudformation describe-type-registration --registration-token none", "cloudformation", "DescribeTypeRegistration" },
        { "cognito-idp list-user-pools --max-results 5", "cognito-idp", "ListUserPools" },
        { "wafv2 list-web-acls --scope REGIONAL", "wafv2", "ListWebACLs" },
        { "apigateway get-rest-apis", "apigateway", "GetRestApis" },
    };

    [SkippableTheory]
    [MemberData(nameof(NotYetEmulated))]
    public void Services_not_yet_emulated_answer_a_clean_AWS_error(string command, string signingName, string operation)
    {
        ExternalTool.RequireAwsCli();

        var result = Aws(command.Split(' '));

        Assert.Equal(254, result.ExitCode);
        var expected = $"An error occurred (NotImplemented) when calling the {operation} operation: The emulator does not implement {signingName}:{operation}";
        Assert.True(result.Stderr.Contains(expected, StringComparison.Ordinal), result.Stderr);
    }

    private ExternalTool.Result Aws(params string[] args) => Aws(args, null, null);

    private ExternalTool.Result Aws(string[] args, string? accessKey = null, string? secret = null)
    {
        var env = ExternalTool.AwsEnvironment(emulator);
        if (accessKey is not null)
        {
            env["AWS_ACCESS_KEY_ID"] = accessKey;
        }

        if (secret is not null)
        {
            env["AWS_SECRET_ACCESS_KEY"] = secret;
        }

        return ExternalTool.Run(ExternalTool.AwsCli, ["--endpoint-url", emulator.Url, .. args], TimeSpan.FromSeconds(60), env);
    }
}
