using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Clients;

/// <summary>boto3 (Debian's python3-boto3) against the emulator.</summary>
[Collection(EmulatorCollection.Name)]
public class Boto3Tests(EmulatorFixture emulator)
{
    // One Python process checks every service: starting Python per call would dominate the test's time.
    private const string Script = """
        import json, sys, boto3, botocore.exceptions
        from botocore.config import Config
        url = sys.argv[1]
        cfg = Config(retries={"max_attempts": 1})
        out = {"identity": boto3.client("sts", endpoint_url=url, config=cfg).get_caller_identity()}
        calls = [("sns", "list_platform_applications", {}),
                 ("events", "list_archives", {}), ("s3", "get_bucket_accelerate_configuration", {"Bucket": "any-bucket"}),
                 ("dynamodb", "describe_limits", {}),
                 ("lambda", "list_layers", {}), ("cloudformation", "describe_type_registration", {"RegistrationToken": "none"}),
                 ("cognito-idp", "list_user_pools", {"MaxResults": 5}), ("wafv2", "list_web_acls", {"Scope": "REGIONAL"}),
                 ("apigateway", "get_rest_apis", {})]
        errors = {}
        for service, op, args in calls:
            try:
                getattr(boto3.client(service, endpoint_url=url, config=cfg), op)(**args)
                errors[service] = {"code": None}
            except botocore.exceptions.ClientError as e:
                errors[service] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                                   "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
        out["errors"] = errors
        print(json.dumps(out, default=str))
        """;

    [SkippableFact]
    public void Boto3_sees_the_root_and_clean_errors_from_every_other_service()
    {
        ExternalTool.RequireBoto3();

        var result = ExternalTool.Run(ExternalTool.Python, ["-c", Script, emulator.Url], TimeSpan.FromSeconds(120), ExternalTool.AwsEnvironment(emulator));

        Assert.True(result.ExitCode == 0, result.Stderr);
        var output = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("arn:aws:iam::000000000000:root", (string?)output["identity"]!["Arn"]);
        foreach (var (service, error) in output["errors"]!.AsObject())
        {
            Assert.True((string?)error!["code"] == "NotImplemented", $"{service}: {error.ToJsonString()}");
            Assert.StartsWith("The emulator does not implement", (string?)error["message"], StringComparison.Ordinal);
            Assert.Equal(400, (int?)error["status"]);
        }
    }
}
