using System.Text.Json.Nodes;
using Doqutore.IntegrationTests.Infrastructure;

namespace Doqutore.IntegrationTests.Lambda;

/// <summary>
/// A function's AWS calls, made by Debian's AWS CLI inside the function with the environment's credentials and
/// <c>AWS_ENDPOINT_URL</c>, are authenticated as its execution role's session, refused where the role lacks the
/// permission, and recorded by CloudTrail with the AssumedRole identity.
/// </summary>
public sealed class LambdaIdentityTests(LambdaFixture emulator) : IClassFixture<LambdaFixture>, IDisposable
{
    private readonly LambdaHarness _lambda = new(emulator);

    public void Dispose() => _lambda.Dispose();

    [SkippableFact]
    public async Task The_functions_calls_run_as_its_role_are_denied_without_permission_and_appear_in_CloudTrail()
    {
        ExternalTool.RequireAwsCli();

        // Debian's CLI (2.9) predates AWS_ENDPOINT_URL support, so the script passes it on explicitly.
        var name = await _lambda.Function(
            LambdaHarness.ScriptZip("""
                  ARN=$(/usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" sts get-caller-identity --query Arn --output text)
                  /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" s3api list-buckets > /dev/null 2> "$HOME_ERR" || true
                  CODE=$(grep -o 'AccessDenied' "$HOME_ERR" | head -1)
                  respond "{\"arn\":\"$ARN\",\"s3\":\"$CODE\"}"
                """, init: "HOME_ERR=$(mktemp)"),
            await _lambda.Role("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:ListQueues","Resource":"*"}]}"""),
            timeout: 60);
        var role = (string)(await _lambda.Lambda.InvokeAsync("GetFunctionConfiguration", new JsonObject { ["FunctionName"] = name }))["Role"]!;
        var roleName = role.Split('/')[^1];

        var output = JsonNode.Parse((string)(await _lambda.Invoke(name))["Text"]!)!;

        var session = $"arn:aws:sts::000000000000:assumed-role/{roleName}/{name}";
        Assert.Equal((session, "AccessDenied"), ((string?)output["arn"], (string?)output["s3"]));
        using var cloudTrail = _lambda.Client("cloudtrail");
        var listBuckets = Assert.Single(await Lookup(cloudTrail, "ListBuckets"), r => (string?)r["userIdentity"]!["arn"] == session);
        Assert.Equal(("AssumedRole", session, "AccessDenied"), ((string?)listBuckets["userIdentity"]!["type"], (string?)listBuckets["userIdentity"]!["arn"], (string?)listBuckets["errorCode"]));
        Assert.Equal(role, (string?)listBuckets["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["arn"]);
        Assert.Contains(await Lookup(cloudTrail, "GetCallerIdentity"), r => (string?)r["userIdentity"]!["arn"] == session);
    }

    private static async Task<List<JsonNode>> Lookup(Doqutore.Aws.Client.AwsClient cloudTrail, string eventName)
    {
        var history = await cloudTrail.InvokeAsync("LookupEvents", new JsonObject
        {
            ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = "EventName", ["AttributeValue"] = eventName }),
        });
        return history["Events"]!.AsArray().Select(e => JsonNode.Parse((string)e!["CloudTrailEvent"]!)!).ToList();
    }
}
